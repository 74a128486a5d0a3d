// Who may do what: coordinators and their invites, organizations, the national
// overview, the access log.
import { route } from "./route.js";

const ADMIN = ["admin"] as const;

export const accessRoutes = {
  coordinatorInvite: route("ci", { roles: ADMIN }),
  /** Coordinators a grant may see: all ("x"), or one role's (district, regional, provider). */
  coordinators: route("cr", {
    roles: ["regional_coordinator", "admin"],
    params: { filter: ["x", "d", "r", "p"], page: "int" },
  }),
  inviteLinks: route("il", {
    roles: ["district_coordinator", "regional_coordinator", "admin"],
    params: { page: "int" },
  }),
  providers: route("ap", { roles: ADMIN }),
  nationalOverview: route("ao", { roles: ADMIN }),
  /** Views of personal data over the last 7 or 30 days. */
  accessLog: route("al", { roles: ADMIN, params: { days: ["7", "30"], page: "int" } }),
};
