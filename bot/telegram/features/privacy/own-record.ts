// The person's own employee record, whether its menu is open or waits for their
// answer to the notice: "My data" and a correction are their right either way.
import type { BotContext } from "../../context.js";

export function ownEmployeeId(ctx: BotContext): number | undefined {
  const all = [...(ctx.person?.grants ?? []), ...(ctx.person?.heldBack ?? [])];
  const grant = all.find((g) => g.role === "employee");
  return grant?.role === "employee" ? grant.employeeId : undefined;
}
