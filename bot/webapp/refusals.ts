// A service's refusal, said in the page as the chat says it: "already done by X at
// T" when someone acted first, otherwise the reason's text under the chat's prefix.
import { translateKey } from "../i18n/index.js";
import { formatDateTime } from "../rules/index.js";
import type { DoneBy } from "../services/outcome.js";
import { WebError, type WebPerson } from "./web-route.js";

export function doneByMessage(person: WebPerson, done: DoneBy): string {
  const at = formatDateTime(done.at);
  return done.name
    ? person.t("refusal.done_by", { name: done.name, at })
    : person.t("refusal.done_at", { at });
}

/** A 409 carrying the refusal's text; `prefix` is the locale folder of its reasons. */
export function refused(
  person: WebPerson,
  prefix: string,
  refusal: { reason: string; done?: DoneBy },
): WebError {
  const message = refusal.done
    ? doneByMessage(person, refusal.done)
    : translateKey(person.t, `${prefix}.${refusal.reason}`);
  return new WebError(409, plainText(message), { reason: refusal.reason });
}

/** A chat text (Telegram HTML) as plain text for the page, which escapes it itself. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
