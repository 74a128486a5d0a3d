// Handlers for the routes of bot/routes/: the press is parsed and its grant checked
// before the handler runs, so a handler gets typed parameters and a grant the
// person really holds now. A press whose data the table refuses (forged, or from
// an older version of the bot) is told the button is outdated; a grant the person
// does not hold (revoked, another person's) is told the action is not theirs.
import type { Composer } from "grammy";
import type { GrantRole, ParamSpec, Params, Route, Unpacked } from "../routes/route.js";
import { findGrant, type RoleGrant } from "../services/people.js";
import type { BotContext, ConversationContext } from "./context.js";
import type { Convo } from "./conversations/steps.js";
import { buttonGrid, cancelButton } from "./keyboards.js";

/** What a handler receives: the route's parameters and, when it needs one, the grant. */
export type Press<R extends GrantRole | null, P extends ParamSpec> = Params<P> &
  ([R] extends [GrantRole] ? { grant: Extract<RoleGrant, { role: R }> } : { grant?: undefined });

export type CallbackContext = BotContext & { callbackQuery: { data: string } };

async function refuse(ctx: BotContext, key: "errors.stale_button" | "errors.no_access") {
  await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
}

/** The person's grant the press names, when the route needs one and they hold it. */
function grantOf(
  grants: readonly RoleGrant[],
  route: { roles: readonly (string | null)[] | null },
  press: Record<string, unknown>,
): RoleGrant | undefined {
  const grant = findGrant(grants, String(press.grantKey));
  return grant && (route.roles as readonly string[] | null)?.includes(grant.role)
    ? grant
    : undefined;
}

/** Registers `handler` for presses of `route` on `composer`. */
export function onRoute<R extends GrantRole | null, P extends ParamSpec>(
  composer: Composer<BotContext>,
  route: Route<R, P>,
  handler: (ctx: CallbackContext, press: Press<R, P>) => unknown,
): void {
  composer.on("callback_query:data").filter(
    (ctx) => route.owns(ctx.callbackQuery.data),
    async (ctx) => {
      const press = pressOf(ctx.person?.grants ?? [], route, ctx.callbackQuery.data);
      if (press === "stale") return refuse(ctx, "errors.stale_button");
      if (press === "denied") return refuse(ctx, "errors.no_access");
      await handler(ctx as CallbackContext, press);
    },
  );
}

/** Parses data against a route and resolves its grant among `grants`. */
export function pressOf<R extends GrantRole | null, P extends ParamSpec>(
  grants: readonly RoleGrant[],
  route: Route<R, P>,
  data: string,
): Press<R, P> | "stale" | "denied" {
  const parsed = route.unpack(data) as (Unpacked<R, P> & Record<string, unknown>) | null;
  if (!parsed) return "stale";
  if (!route.roles) return parsed as unknown as Press<R, P>;
  const grant = grantOf(grants, route, parsed);
  if (!grant) return "denied";
  const { grantKey: _key, grantRole: _role, ...params } = parsed;
  return { ...params, grant } as unknown as Press<R, P>;
}

/**
 * Inside a conversation: waits for a press of one of `routes` (buttons of this
 * step), answers it and returns which route and its parameters. Anything else is
 * told to use the buttons (or /cancel) and the step keeps waiting.
 */
export async function waitForRoute<Routes extends readonly Route<null, ParamSpec>[]>(
  conversation: Convo,
  ...routes: Routes
): Promise<{ ctx: ConversationContext } & RouteChoice<Routes>> {
  const step = await conversation.waitUntil(
    (c) => {
      const data = c.callbackQuery?.data;
      return data !== undefined && routes.some((r) => r.unpack(data) !== null);
    },
    {
      otherwise: async (c) => {
        // Updates without a message or a press (a reaction, a member change) need no reply.
        if (!c.message && !c.callbackQuery) return;
        const text = c.t("conversation.use_buttons");
        if (c.callbackQuery) await c.answerCallbackQuery({ text, show_alert: true });
        // The question may have scrolled away under notices: Cancel is always at hand.
        else
          await c.reply(text, {
            reply_markup: buttonGrid([cancelButton(c.t)]),
          });
      },
    },
  );
  await step.answerCallbackQuery();
  const data = step.callbackQuery?.data ?? "";
  const route = routes.find((r) => r.unpack(data) !== null) as Route<null, ParamSpec>;
  return { ctx: step, route, press: route.unpack(data) } as {
    ctx: ConversationContext;
  } & RouteChoice<Routes>;
}

/** Which of several routes was pressed, with its parameters (a union to narrow on `route`). */
export type RouteChoice<Routes extends readonly Route<null, ParamSpec>[]> = {
  [I in keyof Routes]: Routes[I] extends Route<null, infer P>
    ? { route: Routes[I]; press: Params<P> }
    : never;
}[number];

/**
 * Runs `work` outside the conversation with the grant named by `key` if the person
 * still holds it for one of `roles` (it may have been revoked while they typed);
 * null otherwise. The one place conversations reach their grant.
 */
export async function withGrant<R extends GrantRole, T>(
  conversation: Convo,
  key: string,
  roles: readonly R[],
  work: (outside: BotContext, grant: Extract<RoleGrant, { role: R }>) => Promise<T> | T,
): Promise<T | null> {
  return conversation.external(async (outside) => {
    const grant = findGrant(outside.person?.grants ?? [], key);
    if (!grant || !(roles as readonly string[]).includes(grant.role)) return null;
    return work(outside, grant as Extract<RoleGrant, { role: R }>);
  });
}
