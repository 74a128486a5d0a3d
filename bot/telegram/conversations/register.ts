// How an area registers its conversations: by id, waiting at most a day for each
// step (a person who comes back later starts again).
import { type ConversationBuilder, createConversation } from "@grammyjs/conversations";
import type { Composer } from "grammy";
import { DAY_MS } from "../../rules/index.js";
import type { BotContext, ConversationContext } from "../context.js";

export function registerConversations(
  area: Composer<BotContext>,
  conversations: Record<string, ConversationBuilder<BotContext, ConversationContext>>,
): void {
  for (const [id, builder] of Object.entries(conversations)) {
    area.use(createConversation(builder, { id, maxMillisecondsToWait: DAY_MS }));
  }
}
