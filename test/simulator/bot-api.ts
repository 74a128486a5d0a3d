// The Bot API methods the bot uses, with Telegram's own checks and error texts.
// Each method takes the decoded parameters (JSON or multipart) and returns the
// result or throws an ApiError, which the transport turns into Telegram's JSON.
import { randomBytes } from "node:crypto";
import type {
  InlineKeyboardMarkup,
  Message,
  ReplyKeyboardMarkup,
  UserFromGetMe,
} from "grammy/types";
import { parseTelegramHtml } from "./html.js";

export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
}

/** A message in a chat as the bot left it: later edits replace its content. */
export interface SimMessage {
  message_id: number;
  date: number;
  fromBot: boolean;
  text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | { remove_keyboard: true };
  document?: { file_id: string; file_name?: string; mime_type?: string; bytes: Buffer };
  photo?: { file_id: string; bytes: Buffer };
  /** What the person sent (their own messages only): text, contact, document, photo, caption. */
  sent?: Record<string, unknown>;
  edited: boolean;
  deleted: boolean;
}

export interface ChatState {
  /** The chat's id: the person's id for a private chat, negative for a group or a channel. */
  userId: number;
  nextMessageId: number;
  messages: SimMessage[];
  /** A group, a supergroup or a channel the bot was added to (private when absent). */
  group?: GroupState;
}

export type GroupType = "group" | "supergroup" | "channel";

export interface GroupState {
  type: GroupType;
  title: string;
  /** Whether the bot is in it: false once it left (leaveChat) or before it is added. */
  botIsMember: boolean;
}

/** The chat as Telegram describes it in a message or an update. */
export function chatOf(chat: ChatState, firstName = "User"): Record<string, unknown> {
  return chat.group
    ? { id: chat.userId, type: chat.group.type, title: chat.group.title }
    : { id: chat.userId, type: "private", first_name: firstName };
}

/** A file part of a multipart request, or a plain value. */
export type Param = unknown;
export interface Upload {
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_CALLBACK_BYTES = 64;
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Bots may download files of up to 20 MB (getFile). */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export interface BotApiDeps {
  botInfo: UserFromGetMe;
  chats: Map<number, ChatState>;
  blocked: Set<number>;
  files: Map<string, StoredFile>;
  callbackQueries: Map<string, { answered: boolean; answer?: Record<string, unknown> }>;
  now?: () => Date;
}

type Params = Record<string, Param>;

export function createBotApi(deps: BotApiDeps) {
  const now = () => Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);

  function chatFor(params: Params, forSending = true): ChatState {
    const chatId = Number(params.chat_id);
    const chat = deps.chats.get(chatId);
    if (!chat) throw new ApiError(400, "Bad Request: chat not found");
    if (forSending && deps.blocked.has(chatId))
      throw new ApiError(403, "Forbidden: bot was blocked by the user");
    if (chat.group && !chat.group.botIsMember)
      throw new ApiError(403, `Forbidden: bot is not a member of the ${chat.group.type} chat`);
    return chat;
  }

  function visibleText(raw: unknown, parseMode: unknown, limit: number, tooLong: string): string {
    const text = String(raw ?? "");
    let visible = text;
    if (parseMode === "HTML") {
      const parsed = parseTelegramHtml(text);
      if (!parsed.ok) throw new ApiError(400, parsed.error);
      visible = parsed.text;
    }
    if ([...visible].length > limit) throw new ApiError(400, tooLong);
    return visible;
  }

  function checkText(params: Params): void {
    if (typeof params.text !== "string" || params.text.trim() === "") {
      throw new ApiError(400, "Bad Request: message text is empty");
    }
    const visible = visibleText(
      params.text,
      params.parse_mode,
      MAX_TEXT,
      "Bad Request: message is too long",
    );
    if (visible.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
  }

  function checkCaption(params: Params): void {
    if (params.caption === undefined) return;
    visibleText(
      params.caption,
      params.parse_mode,
      MAX_CAPTION,
      "Bad Request: message caption is too long",
    );
  }

  function checkMarkup(markup: unknown): SimMessage["reply_markup"] {
    if (markup === undefined || markup === null) return undefined;
    const parsed = (typeof markup === "string" ? JSON.parse(markup) : markup) as Record<
      string,
      unknown
    >;
    if (Array.isArray(parsed.inline_keyboard)) {
      for (const row of parsed.inline_keyboard as unknown[][]) {
        for (const button of row as Record<string, unknown>[]) checkInlineButton(button);
      }
    }
    if (Array.isArray(parsed.keyboard)) {
      for (const row of parsed.keyboard as unknown[][]) {
        for (const button of row) {
          const text = typeof button === "string" ? button : (button as { text?: string }).text;
          if (!text) throw new ApiError(400, "Bad Request: keyboard button text is empty");
        }
      }
    }
    return parsed as SimMessage["reply_markup"];
  }

  function checkInlineButton(button: Record<string, unknown>): void {
    if (typeof button.text !== "string" || button.text === "") {
      throw new ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard");
    }
    const actions = [
      "callback_data",
      "url",
      "switch_inline_query",
      "login_url",
      "web_app",
      "pay",
      "copy_text",
    ];
    if (actions.filter((a) => button[a] !== undefined).length !== 1) {
      throw new ApiError(
        400,
        "Bad Request: can't parse inline keyboard button: exactly one action is needed",
      );
    }
    if (typeof button.callback_data === "string") {
      const bytes = Buffer.byteLength(button.callback_data, "utf8");
      if (bytes === 0 || bytes > MAX_CALLBACK_BYTES)
        throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
    }
  }

  function addMessage(chat: ChatState, content: Partial<SimMessage>): SimMessage {
    const message: SimMessage = {
      message_id: chat.nextMessageId++,
      date: now(),
      fromBot: true,
      edited: false,
      deleted: false,
      ...content,
    };
    chat.messages.push(message);
    return message;
  }

  function findMessage(params: Params, notFound: string): SimMessage {
    const chat = chatFor(params, false);
    const message = chat.messages.find(
      (m) => m.message_id === Number(params.message_id) && !m.deleted,
    );
    if (!message?.fromBot) throw new ApiError(400, notFound);
    return message;
  }

  function asMessage(chat: ChatState, m: SimMessage): Message {
    const base = {
      message_id: m.message_id,
      date: m.date,
      chat: chatOf(chat),
      from: {
        id: deps.botInfo.id,
        is_bot: true,
        first_name: deps.botInfo.first_name,
        username: deps.botInfo.username,
      },
    };
    const extra: Record<string, unknown> = {};
    if (m.text !== undefined) extra.text = m.text;
    if (m.caption !== undefined) extra.caption = m.caption;
    if (m.reply_markup && "inline_keyboard" in m.reply_markup) extra.reply_markup = m.reply_markup;
    if (m.document) {
      extra.document = {
        file_id: m.document.file_id,
        file_unique_id: m.document.file_id.slice(0, 12),
        file_name: m.document.file_name,
        mime_type: m.document.mime_type,
        file_size: m.document.bytes.length,
      };
    }
    if (m.photo) {
      extra.photo = [
        {
          file_id: m.photo.file_id,
          file_unique_id: m.photo.file_id.slice(0, 12),
          width: 800,
          height: 600,
        },
      ];
    }
    return { ...base, ...extra } as unknown as Message;
  }

  /** A file the bot sends: a fresh upload or a file id Telegram gave out before. */
  function takeFile(value: Param, limit: number): StoredFile {
    if (typeof value === "string") {
      const known = deps.files.get(value);
      if (!known) throw new ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified");
      return known;
    }
    const upload = value as Upload | undefined;
    if (!upload?.bytes) throw new ApiError(400, "Bad Request: there is no document in the request");
    if (upload.bytes.length > limit) throw new ApiError(413, "Request Entity Too Large");
    return storeFile(upload);
  }

  function storeFile(upload: Upload): StoredFile {
    const file: StoredFile = {
      fileId: `F${randomBytes(12).toString("hex")}`,
      fileUniqueId: `U${randomBytes(6).toString("hex")}`,
      ...upload,
    };
    deps.files.set(file.fileId, file);
    return file;
  }

  function sameMarkup(a: unknown, b: unknown): boolean {
    const normal = (m: unknown) => JSON.stringify(m ?? { inline_keyboard: [] });
    return normal(a) === normal(b);
  }

  const methods: Record<string, (params: Params) => unknown> = {
    getMe: () => deps.botInfo,
    setMyCommands: () => true,
    deleteMyCommands: () => true,
    setChatMenuButton: () => true,
    setWebhook: () => true,
    deleteWebhook: () => true,
    sendChatAction: (params) => {
      chatFor(params);
      return true;
    },
    sendMessage: (params) => {
      const chat = chatFor(params);
      checkText(params);
      const reply_markup = checkMarkup(params.reply_markup);
      const message = addMessage(chat, {
        text: String(params.text),
        parse_mode: params.parse_mode as string | undefined,
        reply_markup,
      });
      return asMessage(chat, message);
    },
    editMessageText: (params) => {
      const message = findMessage(params, "Bad Request: message to edit not found");
      checkText(params);
      const reply_markup = checkMarkup(params.reply_markup);
      if (
        message.text === params.text &&
        message.parse_mode === params.parse_mode &&
        sameMarkup(message.reply_markup, reply_markup)
      ) {
        throw new ApiError(400, NOT_MODIFIED);
      }
      Object.assign(message, {
        text: String(params.text),
        parse_mode: params.parse_mode,
        reply_markup,
        edited: true,
      });
      return asMessage(chatFor(params, false), message);
    },
    editMessageReplyMarkup: (params) => {
      const message = findMessage(params, "Bad Request: message to edit not found");
      const reply_markup = checkMarkup(params.reply_markup);
      if (sameMarkup(message.reply_markup, reply_markup)) throw new ApiError(400, NOT_MODIFIED);
      Object.assign(message, { reply_markup, edited: true });
      return asMessage(chatFor(params, false), message);
    },
    editMessageCaption: (params) => {
      const message = findMessage(params, "Bad Request: message to edit not found");
      checkCaption(params);
      const reply_markup = checkMarkup(params.reply_markup);
      if (message.caption === params.caption && sameMarkup(message.reply_markup, reply_markup)) {
        throw new ApiError(400, NOT_MODIFIED);
      }
      Object.assign(message, { caption: params.caption, reply_markup, edited: true });
      return asMessage(chatFor(params, false), message);
    },
    deleteMessage: (params) => {
      const message = findMessage(params, "Bad Request: message to delete not found");
      message.deleted = true;
      return true;
    },
    answerCallbackQuery: (params) => {
      const query = deps.callbackQueries.get(String(params.callback_query_id));
      if (!query || query.answered) {
        throw new ApiError(
          400,
          "Bad Request: query is too old and response timeout expired or query ID is invalid",
        );
      }
      query.answered = true;
      query.answer = params;
      return true;
    },
    sendDocument: (params) => {
      const chat = chatFor(params);
      checkCaption(params);
      const file = takeFile(params.document, MAX_DOCUMENT_BYTES);
      const message = addMessage(chat, {
        caption: params.caption as string | undefined,
        reply_markup: checkMarkup(params.reply_markup),
        document: {
          file_id: file.fileId,
          file_name: file.fileName,
          mime_type: file.mimeType,
          bytes: file.bytes,
        },
      });
      return asMessage(chat, message);
    },
    sendPhoto: (params) => {
      const chat = chatFor(params);
      checkCaption(params);
      const file = takeFile(params.photo, MAX_PHOTO_BYTES);
      const message = addMessage(chat, {
        caption: params.caption as string | undefined,
        reply_markup: checkMarkup(params.reply_markup),
        photo: { file_id: file.fileId, bytes: file.bytes },
      });
      return asMessage(chat, message);
    },
    copyMessage: (params) => {
      const chat = chatFor(params);
      const message = addMessage(chat, { text: "(copy)" });
      return { message_id: message.message_id };
    },
    forwardMessage: (params) =>
      asMessage(chatFor(params), addMessage(chatFor(params), { text: "(forwarded)" })),
    leaveChat: (params) => {
      const chat = deps.chats.get(Number(params.chat_id));
      if (!chat) throw new ApiError(400, "Bad Request: chat not found");
      if (!chat.group)
        throw new ApiError(
          400,
          "Bad Request: chat member status can't be changed in private chats",
        );
      if (!chat.group.botIsMember)
        throw new ApiError(403, `Forbidden: bot is not a member of the ${chat.group.type} chat`);
      chat.group.botIsMember = false;
      return true;
    },
    getFile: (params) => {
      const file = deps.files.get(String(params.file_id));
      if (!file) throw new ApiError(400, "Bad Request: invalid file_id");
      if (file.bytes.length > MAX_DOWNLOAD_BYTES)
        throw new ApiError(400, "Bad Request: file is too big");
      return {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: file.bytes.length,
        file_path: `files/${file.fileId}`,
      };
    },
  };

  return { methods, storeFile };
}
