// District and regional coordinators: next year's lists, employees and their
// invites, the overview, the compliance charts, the reminders screen.
import { route } from "./route.js";

const UNIT = ["district_coordinator", "regional_coordinator"] as const;
const REGIONAL = ["regional_coordinator"] as const;

export const listRoutes = {
  /** The coordinator's own list of the coming year. */
  listScreen: route("ls", { roles: UNIT }),
  /** The district lists of a region. */
  districtLists: route("rd", { roles: REGIONAL }),
  /** One district's list, for the region to accept or return. */
  districtListReview: route("rdv", { roles: REGIONAL, params: { list: "int" } }),
  /** The employees of the coordinator's unit, a page of them. */
  employees: route("em", { roles: UNIT, params: { page: "int" } }),
  /** One employee's card. */
  employeeCard: route("ev", { roles: UNIT, params: { employee: "int" } }),
  /** Employees without a bot invite yet, a page of them. */
  employeeInvites: route("ei", { roles: UNIT, params: { page: "int" } }),
  overview: route("ro", { roles: UNIT }),
  reminders: route("rm", {
    roles: ["district_coordinator", "regional_coordinator", "provider_coordinator", "admin"],
  }),
};
