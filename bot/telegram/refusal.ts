// The person-facing side of a refused transition (see services/outcome.ts): when
// someone else already did it, say who and when; otherwise the reason's own text.
import { escapeHtml, translateKey } from "../i18n/index.js";
import { formatDateTime } from "../rules/index.js";
import type { DoneBy } from "../services/outcome.js";
import type { BotContext } from "./context.js";

/** "Already done by X at T" in the person's language, HTML-safe. */
export function doneByText(ctx: BotContext, done: DoneBy): string {
  const at = formatDateTime(done.at);
  return done.name
    ? ctx.t("refusal.done_by", { name: escapeHtml(done.name), at })
    : ctx.t("refusal.done_at", { at });
}

/** The refusal's text: who did it first when known, else the reason's key under `prefix`. */
export function refusalText(
  ctx: BotContext,
  prefix: string,
  refusal: { reason: string; done?: DoneBy },
): string {
  return refusal.done
    ? doneByText(ctx, refusal.done)
    : translateKey(ctx.t, `${prefix}.${refusal.reason}`);
}

/** A press the person may not make (not their record, or a role no longer theirs). */
export async function deny(ctx: BotContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
}
