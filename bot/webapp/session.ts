// The person behind a Mini App request, read as the bot reads the sender of an
// update: their Telegram record (written the same way), their roles with scope
// and their language. Roles are read fresh on every request, so a revoked role
// stops working at once, as in the chat.
import type { Language } from "../../db/types.js";
import type { AppDeps } from "../deps.js";
import { isLanguage, translator } from "../i18n/index.js";
import { identifyPerson, knownPerson, loadRoleGrants } from "../services/people.js";
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

/**
 * The person a download link was made for, read without writing: the link carries
 * their id and the page's language, not the name Telegram gave, so their record is
 * left as it is.
 */
export async function linkedWebPerson(
  deps: AppDeps,
  telegramId: number,
  language: Language,
): Promise<WebPerson | undefined> {
  const record = await knownPerson(deps.db, telegramId);
  if (!record) return undefined;
  const grants = await loadRoleGrants(deps.db, telegramId, deps.config.adminTelegramIds);
  return {
    telegramId,
    name: [record.first_name, record.last_name].filter(Boolean).join(" "),
    language,
    t: translator(language),
    grants,
  };
}
