// The unit a coordinator works on from a grant in callback data: a district
// coordinator's district, a regional coordinator's own region-level unit. The
// grant must be one the person really holds.
import { findGrant, type RoleGrant } from "../../services/people.js";
import type { BotContext } from "../context.js";

export type UnitGrant = Extract<
  RoleGrant,
  { role: "district_coordinator" | "regional_coordinator" }
>;

export function unitGrant(ctx: BotContext, key: string): UnitGrant | undefined {
  const grant = findGrant(ctx.person?.grants ?? [], key);
  return grant?.role === "district_coordinator" || grant?.role === "regional_coordinator"
    ? grant
    : undefined;
}

export function regionalGrant(ctx: BotContext, key: string) {
  const grant = unitGrant(ctx, key);
  return grant?.role === "regional_coordinator" ? grant : undefined;
}

export type ProviderGrant = Extract<RoleGrant, { role: "provider_coordinator" }>;

export function providerGrant(ctx: BotContext, key: string): ProviderGrant | undefined {
  const grant = findGrant(ctx.person?.grants ?? [], key);
  return grant?.role === "provider_coordinator" ? grant : undefined;
}

export async function deny(ctx: BotContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
}
