// The person acting and the role they act under, for services that re-check the
// role in the database when they write (see services/grants.ts).
import type { Actor } from "../services/grants.js";
import type { RoleGrant } from "../services/people.js";
import type { BotContext } from "./context.js";

export function actorOf(ctx: BotContext, grant: RoleGrant): Actor {
  return {
    telegramId: ctx.person?.telegramId ?? ctx.from?.id ?? 0,
    grant,
    configAdminIds: ctx.deps.config.adminTelegramIds,
  };
}

export const ADMIN_GRANT: RoleGrant = { role: "admin" };
