// Every text and caption the bot sends is HTML (names and other inserted values are
// escaped with escapeHtml), so the parse mode is set here once instead of at each
// reply. A call that states its own parse mode keeps it.
import type { Transformer } from "grammy";

const TEXT_METHODS = new Set([
  "sendMessage",
  "editMessageText",
  "sendDocument",
  "sendPhoto",
  "editMessageCaption",
]);

export const htmlParseMode: Transformer = (prev, method, payload, signal) => {
  if (!TEXT_METHODS.has(method) || !payload || "parse_mode" in payload)
    return prev(method, payload, signal);
  const text =
    "text" in payload ? payload.text : "caption" in payload ? payload.caption : undefined;
  if (typeof text !== "string") return prev(method, payload, signal);
  return prev(method, { ...payload, parse_mode: "HTML" } as typeof payload, signal);
};
