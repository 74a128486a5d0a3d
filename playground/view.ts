// What the page draws for a chat: each message as Telegram would show it — the
// bot's HTML reduced to the tags Telegram formats (already checked by the
// simulator), documents and photos as links to download, inline buttons, the reply
// keyboard in force — plus the person's own messages and any refusal notes.
import type { SimMessage } from "../test/simulator/index.js";
import type { ChatNote } from "./engine.js";

export interface ButtonView {
  text: string;
  kind: "callback" | "url" | "webapp" | "other";
  url?: string;
  /** A web_app button: the role the coordinators' tables open on (`?grant=`). */
  grant?: string;
}

export interface MessageView {
  id: number;
  fromBot: boolean;
  date: number;
  html: string;
  edited: boolean;
  document?: { name: string; mimeType: string; size: number; url: string };
  photo?: { url: string };
  contact?: { phone: string };
  inline: ButtonView[][];
}

export interface ReplyKeyboardView {
  rows: Array<Array<{ text: string; requestContact: boolean }>>;
  /** A one-time keyboard hides once used; Telegram keeps an icon to open it again. */
  hidden: boolean;
}

export interface ChatView {
  messages: MessageView[];
  notes: ChatNote[];
  replyKeyboard: ReplyKeyboardView | null;
}

const TAG_MAP: Record<string, string> = {
  b: "b",
  strong: "b",
  i: "i",
  em: "i",
  u: "u",
  ins: "u",
  s: "s",
  strike: "s",
  del: "s",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-spoiler": "span class=spoiler",
  span: "span class=spoiler",
  "tg-emoji": "span",
  a: "a",
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Telegram HTML (already valid: the simulator refused anything else) → safe page HTML. */
export function telegramHtmlToPage(html: string): string {
  return html.replace(
    /<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g,
    (_all, closing: string, raw: string, attrs: string) => {
      const name = raw.toLowerCase();
      const mapped = TAG_MAP[name];
      if (!mapped) return "";
      const tag = mapped.split(" ")[0];
      if (closing) return `</${tag}>`;
      if (name === "a") {
        const href = /href\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? "";
        const safe = /^(https?:|tg:)/i.test(href) ? href : "#";
        return `<a href="${safe}" target="_blank" rel="noopener">`;
      }
      return `<${mapped}>`;
    },
  );
}

function textHtml(message: SimMessage): string {
  const raw = message.text ?? message.caption ?? "";
  if (message.parse_mode === "HTML") return telegramHtmlToPage(raw);
  return escapeHtml(raw);
}

function inlineOf(message: SimMessage): ButtonView[][] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.map((row) =>
    row.map((button) => {
      if ("callback_data" in button) return { text: button.text, kind: "callback" as const };
      if ("url" in button) return { text: button.text, kind: "url" as const, url: button.url };
      if ("web_app" in button) {
        const grant = new URL(button.web_app.url).searchParams.get("grant") ?? "";
        return { text: button.text, kind: "webapp" as const, grant };
      }
      return { text: button.text, kind: "other" as const };
    }),
  );
}

const fileUrl = (fileId: string, name: string) =>
  `/api/file/${encodeURIComponent(fileId)}/${encodeURIComponent(name)}`;

function sentByPerson(message: SimMessage): Partial<MessageView> {
  const sent = message.sent ?? {};
  const text =
    typeof sent.text === "string"
      ? sent.text
      : typeof sent.caption === "string"
        ? sent.caption
        : "";
  const view: Partial<MessageView> = { html: escapeHtml(text) };
  const document = sent.document as
    | { file_id: string; file_name?: string; mime_type?: string; file_size?: number }
    | undefined;
  if (document) {
    const name = document.file_name ?? "file";
    view.document = {
      name,
      mimeType: document.mime_type ?? "",
      size: document.file_size ?? 0,
      url: fileUrl(document.file_id, name),
    };
  }
  const photo = (sent.photo as Array<{ file_id: string }> | undefined)?.at(-1);
  if (photo) view.photo = { url: fileUrl(photo.file_id, "photo.jpg") };
  const contact = sent.contact as { phone_number: string } | undefined;
  if (contact) view.contact = { phone: contact.phone_number };
  return view;
}

function messageView(message: SimMessage): MessageView {
  const base: MessageView = {
    id: message.message_id,
    fromBot: message.fromBot,
    date: message.date,
    html: "",
    edited: message.edited,
    inline: [],
  };
  if (!message.fromBot) return { ...base, ...sentByPerson(message) };
  const view: MessageView = { ...base, html: textHtml(message), inline: inlineOf(message) };
  if (message.document) {
    const name = message.document.file_name ?? "document";
    view.document = {
      name,
      mimeType: message.document.mime_type ?? "",
      size: message.document.bytes.length,
      url: fileUrl(message.document.file_id, name),
    };
  }
  if (message.photo) view.photo = { url: fileUrl(message.photo.file_id, "photo.jpg") };
  return view;
}

/** The reply keyboard the bot set last, until a message removes it. */
function replyKeyboardOf(messages: readonly SimMessage[]): ReplyKeyboardView | null {
  for (const [index, message] of [...messages.entries()].reverse()) {
    if (!message.fromBot || message.deleted) continue;
    const markup = message.reply_markup;
    if (markup && "keyboard" in markup) {
      const usedSince = messages.slice(index + 1).some((m) => !m.fromBot);
      return {
        rows: markup.keyboard.map((row) =>
          row.map((button) =>
            typeof button === "string"
              ? { text: button, requestContact: false }
              : {
                  text: button.text,
                  requestContact: "request_contact" in button && Boolean(button.request_contact),
                },
          ),
        ),
        hidden: Boolean(markup.one_time_keyboard) && usedSince,
      };
    }
    if (markup && "remove_keyboard" in markup) return null;
  }
  return null;
}

export function chatView(messages: readonly SimMessage[], notes: readonly ChatNote[]): ChatView {
  return {
    messages: messages.filter((m) => !m.deleted).map(messageView),
    notes: [...notes],
    replyKeyboard: replyKeyboardOf(messages),
  };
}

/** The callback data of the inline button at [row][column] of a bot message. */
export function callbackDataAt(
  messages: readonly SimMessage[],
  messageId: number,
  row: number,
  column: number,
): string | undefined {
  const message = messages.find((m) => m.message_id === messageId && m.fromBot && !m.deleted);
  const markup = message?.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return undefined;
  const button = markup.inline_keyboard[row]?.[column];
  return button && "callback_data" in button ? button.callback_data : undefined;
}
