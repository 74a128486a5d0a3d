// Telegram's HTML parse mode, as strictly as Telegram checks it: only its tags,
// properly nested, and no bare "<" or "&". Returns the visible text (what counts
// towards the 4096-character limit) or the error Telegram would give.
const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlResult = { ok: true; text: string } | { ok: false; error: string };

export function parseTelegramHtml(html: string): HtmlResult {
  const open: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === "<") {
      const end = html.indexOf(">", i);
      const tag =
        end === -1 ? null : /^<(\/?)([a-zA-Z][\w-]*)(\s[^>]*)?>$/.exec(html.slice(i, end + 1));
      if (!tag) return fail(`Unsupported start tag at byte offset ${i}`);
      const [, closing, rawName] = tag;
      const name = (rawName ?? "").toLowerCase();
      if (!ALLOWED_TAGS.has(name))
        return fail(`Unsupported start tag "${name}" at byte offset ${i}`);
      if (closing) {
        if (open.pop() !== name) return fail(`Unexpected end tag at byte offset ${i}`);
      } else {
        open.push(name);
      }
      i = end + 1;
    } else if (ch === "&") {
      const entity = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(html.slice(i));
      const decoded = entity ? decodeEntity(entity[1] ?? "") : undefined;
      if (!entity || decoded === undefined) {
        return fail(`Character entity expected at byte offset ${i}`);
      }
      text += decoded;
      i += entity[0].length;
    } else {
      text += ch;
      i += 1;
    }
  }
  if (open.length > 0)
    return fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return { ok: true, text };
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x")) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith("#")) return String.fromCodePoint(Number(body.slice(1)));
  return NAMED_ENTITIES[body];
}

function fail(detail: string): HtmlResult {
  return { ok: false, error: `Bad Request: can't parse entities: ${detail}` };
}
