// How an area of screens is put together: its conversations registered first (so
// its buttons can enter them), then its screens; a button that starts one of them
// for the grant of the press; and the grant a conversation acts for, kept as plain
// data (its key) and checked again whenever the conversation reaches outside.
import { type ConversationBuilder, createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { type GrantRef, grantKey } from "../../routes/index.js";
import type { GrantRole, ParamSpec, Route } from "../../routes/route.js";
import { DAY_MS } from "../../rules/index.js";
import type { RoleGrant } from "../../services/people.js";
import type { BotContext, ConversationContext } from "../context.js";
import type { Convo } from "../conversations/steps.js";
import { type CallbackContext, onRoute, type Press, withGrant } from "../routing.js";

type Builder = ConversationBuilder<BotContext, ConversationContext>;

/** One composer for an area: its conversations (by id), then its screens. */
export function area(
  conversations: ReadonlyArray<readonly [Builder, string]>,
  ...screens: Composer<BotContext>[]
): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const [builder, id] of conversations)
    composer.use(createConversation(builder, { id, maxMillisecondsToWait: DAY_MS }));
  // A person inside a conversation (of this area or of one installed further on)
  // belongs to it: their presses go on to it, as when every conversation came first.
  composer.filter((ctx) => Object.keys(ctx.conversation.active()).length === 0).use(...screens);
  return composer;
}

/**
 * A button that enters the conversation `id` with what `args` makes of the press,
 * or (when `args` answers null) tells the person the thing is not theirs.
 */
export function entersConversation<R extends GrantRole, P extends ParamSpec>(
  composer: Composer<BotContext>,
  route: Route<R, P>,
  id: string,
  args: (ctx: CallbackContext, press: Press<R, P>) => Promise<unknown[] | null> | unknown[] | null,
): void {
  onRoute(composer, route, async (ctx, press) => {
    const values = await args(ctx, press);
    if (!values) {
      await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(id, ...values);
  });
}

export type ProviderRef = Extract<GrantRef, { role: "provider_coordinator" }>;
export type RegionRef = Extract<GrantRef, { role: "regional_coordinator" }>;

/** A provider coordinator's grant as a conversation keeps it: only what names it. */
export function providerRef(grant: { providerId: number }): ProviderRef {
  return { role: "provider_coordinator", providerId: grant.providerId };
}

/** A regional coordinator's grant as a conversation keeps it. */
export function regionRef(grant: { unitId: number }): RegionRef {
  return { role: "regional_coordinator", unitId: grant.unitId };
}

/**
 * Runs `work` outside the conversation with the grant `ref` names if the person
 * still holds it (it may have been revoked while they typed); null otherwise.
 */
export function asGrant<G extends GrantRef, T>(
  conversation: Convo,
  ref: G,
  work: (outside: BotContext, grant: Extract<RoleGrant, { role: G["role"] }>) => Promise<T> | T,
): Promise<T | null> {
  return withGrant(conversation, grantKey(ref), [ref.role as G["role"]], work);
}

/** Who acts and when, as the services record it. */
export function stamp(ctx: BotContext): { actor: number; now: Date } {
  return { actor: ctx.from?.id ?? 0, now: ctx.deps.clock() };
}

/**
 * A change a provider's coordinator makes (a certificate reissued or revoked, a
 * breach recorded): run once the grant is checked again, given the database and
 * the provider it is made for, who makes it and when.
 */
export function asProvider<T>(
  conversation: Convo,
  provider: ProviderRef,
  work: (
    db: BotContext["deps"]["db"],
    by: { providerId: number; actor: number; now: Date },
  ) => Promise<T>,
): Promise<T | null> {
  return asGrant(conversation, provider, (outside, grant) =>
    work(outside.deps.db, { providerId: grant.providerId, ...stamp(outside) }),
  );
}
