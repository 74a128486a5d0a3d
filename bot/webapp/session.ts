// The person behind a Mini App request, read as the bot reads the sender of an
// update: their Telegram record (written the same way), their roles with scope
// and their language. Roles are read fresh on every request, so a revoked role
// stops working at once, as in the chat.
import type { Language } from "../../db/types.js";
import type { AppDeps } from "../deps.js";
import { isLanguage, translator } from "../i18n/index.js";
import { identifyPerson } from "../services/people.js";
import type { InitDataUser } from "./init-data.js";
import type { WebPerson } from "./web-route.js";

export async function webPerson(deps: AppDeps, user: InitDataUser): Promise<WebPerson> {
  const { record, grants } = await identifyPerson(
    deps.db,
    user,
    deps.clock(),
    deps.config.adminTelegramIds,
    null,
  );
  const language: Language =
    record.language ?? (isLanguage(user.language_code) ? user.language_code : "kk");
  return {
    telegramId: user.id,
    name: [user.first_name, user.last_name].filter(Boolean).join(" "),
    language,
    t: translator(language),
    grants,
  };
}
