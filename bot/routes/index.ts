// The route table: every button of the bot, declared once (see route.ts). Screens,
// menus, back buttons, notices and reminders build their callback data from it;
// handlers are registered for it (telegram/routing.ts).
import { accessRoutes } from "./access.js";
import { cohortRoutes } from "./cohorts.js";
import { commonRoutes } from "./common.js";
import { employeeRoutes } from "./employee.js";
import { listRoutes } from "./lists.js";
import type { Route } from "./route.js";

export { type GrantRef, grantKey, parseGrantKey } from "./grant-key.js";
export type { Params, Route } from "./route.js";

export const routes = {
  ...commonRoutes,
  ...employeeRoutes,
  ...listRoutes,
  ...cohortRoutes,
  ...accessRoutes,
};

/** Two routes with one prefix would steal each other's presses: refuse to start. */
function checkPrefixes(all: Record<string, Route>): void {
  const seen = new Map<string, string>();
  for (const [name, { prefix }] of Object.entries(all)) {
    const other = seen.get(prefix);
    if (other) throw new Error(`routes ${other} and ${name} share the prefix "${prefix}"`);
    seen.set(prefix, name);
  }
}
checkPrefixes(routes as unknown as Record<string, Route>);
