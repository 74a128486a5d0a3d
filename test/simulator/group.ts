// A group, a supergroup or a channel the bot is added to, as Telegram delivers it:
// the bot's own membership change (my_chat_member), people's messages and commands
// in the group (a command may name the bot: /menu@bot), posts in a channel. The bot
// can be added only if BotFather allows it to join groups (can_join_groups), and
// once it leaves (leaveChat) Telegram refuses whatever it sends there.
import type { Update } from "grammy/types";
import { type ChatState, chatOf, type GroupType, type SimMessage } from "./bot-api.js";
import type { TelegramSimulator } from "./index.js";
import type { SimUser } from "./user.js";

export class SimGroup {
  constructor(
    private readonly sim: TelegramSimulator,
    readonly chat: ChatState & { group: NonNullable<ChatState["group"]> },
  ) {}

  get id(): number {
    return this.chat.userId;
  }

  get type(): GroupType {
    return this.chat.group.type;
  }

  get botIsMember(): boolean {
    return this.chat.group.botIsMember;
  }

  /** What the bot sent to the group (deleted ones left out). */
  get messages(): SimMessage[] {
    return this.chat.messages.filter((m) => m.fromBot && !m.deleted);
  }

  /**
   * `by` adds the bot (a group's member, a channel's administrator). `announced: false`
   * leaves out the my_chat_member update, as for a bot added while it did not listen
   * for it (allowed_updates without it, or an older version running then).
   */
  addBot(by: SimUser, options: { announced?: boolean } = {}): Promise<void> {
    if (!this.sim.botInfo.can_join_groups)
      throw new Error("The bot cannot be added to groups: BotFather's /setjoingroups is off");
    this.chat.group.botIsMember = true;
    if (options.announced === false) return Promise.resolve();
    const bot = { id: this.sim.botInfo.id, is_bot: true, first_name: this.sim.botInfo.first_name };
    const status = this.type === "channel" ? "administrator" : "member";
    return this.deliver({
      my_chat_member: {
        chat: chatOf(this.chat),
        from: by.from,
        date: this.now(),
        old_chat_member: { status: "left", user: bot },
        new_chat_member: { status, user: bot },
      },
    });
  }

  /** A person writes in the group; a leading /command gets its entity, @bot included. */
  send(by: SimUser, text: string): Promise<void> {
    if (this.type === "channel") throw new Error("People post in a channel as the channel: post()");
    const command = /^\/\w+(@\w+)?/.exec(text)?.[0];
    return this.deliver({
      message: {
        ...this.message(),
        from: by.from,
        text,
        ...(command
          ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] }
          : {}),
      },
    });
  }

  /** A post in the channel (it has no sender but the channel itself). */
  post(text: string): Promise<void> {
    if (this.type !== "channel") throw new Error("Only a channel has posts");
    const command = /^\/\w+(@\w+)?/.exec(text)?.[0];
    return this.deliver({
      channel_post: {
        ...this.message(),
        sender_chat: chatOf(this.chat),
        text,
        ...(command
          ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] }
          : {}),
      },
    });
  }

  private now(): number {
    return Math.floor(this.sim.now().getTime() / 1000);
  }

  /** Telegram delivers a group's updates only while the bot is in it. */
  private deliver(update: Record<string, unknown>): Promise<void> {
    if (!this.botIsMember) return Promise.resolve();
    return this.sim.deliver({ update_id: this.sim.newUpdateId(), ...update } as unknown as Update);
  }

  private message() {
    const message_id = this.chat.nextMessageId++;
    const date = this.now();
    this.chat.messages.push({ message_id, date, fromBot: false, edited: false, deleted: false });
    return { message_id, date, chat: chatOf(this.chat) };
  }
}
