// The bot works in private chats only. Added to a group, a supergroup or a channel
// (or shown a command or a post there), it answers nothing — no menu, no role, no
// record, nothing of anyone's — and leaves that chat. The person is neither looked up
// nor locked for: nothing below this runs for a chat that is not private.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

export const privateChatsOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  const chat = ctx.chat;
  if (!chat || chat.type === "private") return next();
  // A button under a message in that chat: the spinner stops, with nothing said.
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  // The bot's own leaving (or being removed) needs nothing more.
  const status = ctx.myChatMember?.new_chat_member.status;
  if (status === "left" || status === "kicked") return;
  try {
    await ctx.api.leaveChat(chat.id);
    ctx.log.info({ chatType: chat.type }, "left a chat that is not private");
  } catch (error) {
    // Already gone (left meanwhile, removed): nothing to do there.
    ctx.log.warn({ err: error, chatType: chat.type }, "could not leave a chat that is not private");
  }
};
