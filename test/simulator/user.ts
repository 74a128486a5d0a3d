// A person in a private chat with the bot: sends text and commands, presses
// buttons, shares a contact, uploads files, and reads what the bot sent.
import type { InlineKeyboardButton, Update } from "grammy/types";
import type { ChatState, SimMessage } from "./bot-api.js";
import { parseTelegramHtml } from "./html.js";
import type { BotHandle, TelegramSimulator } from "./index.js";

export interface UserProfile {
  id?: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

interface Target {
  bot?: BotHandle;
}

export class SimUser {
  readonly id: number;

  constructor(
    private readonly sim: TelegramSimulator,
    private readonly profile: UserProfile & { id: number },
    private readonly chat: ChatState,
  ) {
    this.id = profile.id;
  }

  /** The person as Telegram names them in updates. */
  get from() {
    return {
      id: this.id,
      is_bot: false,
      first_name: this.profile.first_name ?? `User ${this.id}`,
      ...(this.profile.last_name ? { last_name: this.profile.last_name } : {}),
      ...(this.profile.username ? { username: this.profile.username } : {}),
      ...(this.profile.language_code ? { language_code: this.profile.language_code } : {}),
    };
  }

  private message(content: Record<string, unknown>): NonNullable<Update["message"]> {
    const messageId = this.chat.nextMessageId++;
    const date = Math.floor(this.sim.now().getTime() / 1000);
    this.chat.messages.push({
      message_id: messageId,
      date,
      fromBot: false,
      sent: content,
      edited: false,
      deleted: false,
    });
    return {
      message_id: messageId,
      date,
      chat: { id: this.id, type: "private", first_name: this.from.first_name },
      from: this.from,
      ...content,
    } as unknown as NonNullable<Update["message"]>;
  }

  private deliver(update: Omit<Update, "update_id">, target?: Target): Promise<void> {
    return this.sim.deliver(
      { update_id: this.sim.newUpdateId(), ...update } as Update,
      target?.bot,
    );
  }

  /** Text; a leading /command gets its bot_command entity, as Telegram sends it. */
  send(text: string, target?: Target): Promise<void> {
    // The entity covers "/menu@bot" whole, as Telegram marks it.
    const command = /^\/\w+(@\w+)?/.exec(text)?.[0];
    const entities = command
      ? [{ type: "bot_command", offset: 0, length: command.length }]
      : undefined;
    return this.deliver(
      { message: this.message({ text, ...(entities ? { entities } : {}) }) },
      target,
    );
  }

  command(name: string, payload?: string, target?: Target): Promise<void> {
    return this.send(payload ? `/${name} ${payload}` : `/${name}`, target);
  }

  shareContact(
    contact: { phone_number: string; user_id?: number; first_name?: string },
    target?: Target,
  ) {
    const card = {
      first_name: contact.first_name ?? this.from.first_name,
      phone_number: contact.phone_number,
      user_id: contact.user_id ?? this.id,
    };
    return this.deliver({ message: this.message({ contact: card }) }, target);
  }

  sendDocument(
    file: { fileName: string; mimeType: string; bytes: Buffer; caption?: string },
    target?: Target,
  ) {
    const stored = this.sim.storeUpload(file.bytes, file.fileName, file.mimeType);
    const document = {
      file_id: stored.fileId,
      file_unique_id: stored.fileUniqueId,
      file_name: file.fileName,
      mime_type: file.mimeType,
      file_size: file.bytes.length,
    };
    return this.deliver(
      { message: this.message({ document, ...(file.caption ? { caption: file.caption } : {}) }) },
      target,
    );
  }

  sendPhoto(file: { bytes: Buffer; caption?: string }, target?: Target) {
    const stored = this.sim.storeUpload(file.bytes, "photo.jpg", "image/jpeg");
    const sizes = [90, 800].map((width) => ({
      file_id: stored.fileId,
      file_unique_id: stored.fileUniqueId,
      width,
      height: Math.round(width * 0.75),
      file_size: file.bytes.length,
    }));
    return this.deliver(
      {
        message: this.message({ photo: sizes, ...(file.caption ? { caption: file.caption } : {}) }),
      },
      target,
    );
  }

  /** Blocks the bot, as the person can in Telegram: later messages get 403. */
  blockBot(target?: Target): Promise<void> {
    this.sim.block(this.id);
    return this.chatMemberUpdate("member", "kicked", target);
  }

  /** Unblocks (restarts) the bot. */
  unblockBot(target?: Target): Promise<void> {
    this.sim.unblock(this.id);
    return this.chatMemberUpdate("kicked", "member", target);
  }

  private chatMemberUpdate(from: string, to: string, target?: Target): Promise<void> {
    const bot = { id: this.sim.botInfo.id, is_bot: true, first_name: this.sim.botInfo.first_name };
    return this.deliver(
      {
        my_chat_member: {
          chat: { id: this.id, type: "private", first_name: this.from.first_name },
          from: this.from,
          date: Math.floor(this.sim.now().getTime() / 1000),
          old_chat_member: { status: from, user: bot },
          new_chat_member: { status: to, user: bot, ...(to === "kicked" ? { until_date: 0 } : {}) },
        },
      } as unknown as Omit<Update, "update_id">,
      target,
    );
  }

  /** Presses the button with this label on the newest bot message that has one. */
  press(label: string | RegExp, target?: Target): Promise<void> {
    const matches = (text: string) =>
      typeof label === "string" ? text === label : label.test(text);
    for (const message of [...this.chat.messages].reverse()) {
      if (message.deleted || !message.fromBot) continue;
      const button = inlineButtonsOf(message).find((b) => matches(b.text));
      if (button && "callback_data" in button)
        return this.pressCallbackData(button.callback_data, message.message_id, target);
    }
    const available = this.chat.messages.flatMap((m) => inlineButtonsOf(m).map((b) => b.text));
    throw new Error(
      `No button "${String(label)}" in the chat. Buttons: ${JSON.stringify(available.slice(-30))}`,
    );
  }

  /** Sends a callback query with any data, as a forged client could. */
  pressCallbackData(data: string, messageId: number, target?: Target): Promise<void> {
    const message = this.chat.messages.find((m) => m.message_id === messageId && m.fromBot);
    if (!message) throw new Error(`No bot message ${messageId} in chat ${this.id}`);
    return this.deliver(
      {
        callback_query: {
          id: this.sim.newCallbackQueryId(),
          from: this.from,
          chat_instance: `ci${this.id}`,
          data,
          message: {
            message_id: message.message_id,
            date: message.date,
            chat: { id: this.id, type: "private", first_name: this.from.first_name },
            ...(message.text !== undefined ? { text: message.text } : {}),
            // Telegram sends the pressed message's buttons with the query, as they are now.
            ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
          },
        },
      } as unknown as Omit<Update, "update_id">,
      target,
    );
  }

  /** What the bot sent, in order, as it stands now (deleted ones left out). */
  get messages(): SimMessage[] {
    return this.chat.messages.filter((m) => m.fromBot && !m.deleted);
  }

  get lastMessage(): SimMessage {
    const last = this.messages.at(-1);
    if (!last) throw new Error(`The bot has sent nothing to ${this.id}`);
    return last;
  }

  /** Plain texts (HTML tags stripped, entities decoded) of every message. */
  texts(): string[] {
    return this.messages.map(plainText);
  }

  lastText(): string {
    return plainText(this.lastMessage);
  }

  inlineButtons(message: SimMessage = this.lastMessage): string[] {
    return inlineButtonsOf(message).map((b) => b.text);
  }

  /** The reply keyboard the bot set most recently (null once removed). */
  replyKeyboard(): ReplyButton[][] | null {
    for (const message of [...this.messages].reverse()) {
      const markup = message.reply_markup;
      if (markup && "keyboard" in markup) {
        return markup.keyboard.map((row) =>
          row.map((b) => (typeof b === "string" ? { text: b } : (b as ReplyButton))),
        );
      }
      if (markup && "remove_keyboard" in markup) return null;
    }
    return null;
  }
}

type ReplyButton = { text: string; request_contact?: boolean };

function inlineButtonsOf(message: SimMessage): InlineKeyboardButton[] {
  const markup = message.reply_markup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat() : [];
}

function plainText(message: SimMessage): string {
  const raw = message.text ?? message.caption ?? "";
  if (message.parse_mode !== "HTML") return raw;
  const parsed = parseTelegramHtml(raw);
  return parsed.ok ? parsed.text : raw;
}
