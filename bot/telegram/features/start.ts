// /start, with or without a deep-link payload. "i-<code>" is an invite. On the
// very first /start the language comes from Telegram when it is kk or ru;
// otherwise the person picks it first and the payload waits in the button.
import { Composer } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import { INVITE_PAYLOAD_PREFIX, redeemInvite } from "../../services/invites.js";
import { setLanguage } from "../../services/people.js";
import { VERIFY_PAYLOAD_PREFIX } from "../../services/verification-link.js";
import type { BotContext } from "../context.js";
import { reloadGrants } from "../middleware/consent-gate.js";
import { askLanguage, languageFeature } from "./language.js";
import { grantTitle, showHome } from "./menus.js";
import { showVerification } from "./verify.js";

const NO_PAYLOAD = "-";

export const startFeature = new Composer<BotContext>();

startFeature.command("start", async (ctx) => {
  const payload = ctx.match.trim();
  if (!ctx.langKnown) return askLanguage(ctx, payload || NO_PAYLOAD);
  if (ctx.person && ctx.person.record.language === null) {
    // Remember the language Telegram told us, so later messages (reminders) use it.
    await setLanguage(ctx.deps.db, ctx.person.telegramId, ctx.lang);
    ctx.person.record.language = ctx.lang;
  }
  await continueStart(ctx, payload);
});

startFeature.use(
  languageFeature((ctx, payload) => continueStart(ctx, payload === NO_PAYLOAD ? "" : payload)),
);

async function continueStart(ctx: BotContext, payload: string): Promise<void> {
  if (payload.startsWith(INVITE_PAYLOAD_PREFIX)) return useInvite(ctx, payload);
  if (payload.startsWith(VERIFY_PAYLOAD_PREFIX)) {
    return showVerification(ctx, payload.slice(VERIFY_PAYLOAD_PREFIX.length));
  }
  await ctx.reply(ctx.t("start.welcome"), { parse_mode: "HTML" });
  await showHome(ctx);
}

async function useInvite(ctx: BotContext, payload: string): Promise<void> {
  const person = ctx.person;
  if (!person) return;
  const { db, clock } = ctx.deps;
  const result = await redeemInvite(db, payload, person.telegramId, clock());
  if (!result.ok) {
    await ctx.reply(ctx.t(`invites.refused.${result.reason}`), { parse_mode: "HTML" });
    await showHome(ctx);
    return;
  }
  await reloadGrants(ctx);
  // The new role may wait for the personal-data notice, which showHome asks next.
  const granted = [...person.grants, ...(person.heldBack ?? [])].find((g) =>
    result.kind === "employee"
      ? g.role === "employee"
      : g.role === result.role &&
        (!("unitId" in g) || g.unitId === result.unitId) &&
        (!("providerId" in g) || g.providerId === result.providerId),
  );
  const title = granted ? grantTitle(ctx, granted) : "";
  await ctx.reply(ctx.t("invites.accepted", { title: escapeHtml(title) }), { parse_mode: "HTML" });
  await showHome(ctx);
}
