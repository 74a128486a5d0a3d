// Each role's Mini App API: a table of routes below its grant ("/g/d12/…"). A route
// is reached only with a grant of its role that the person holds; the services
// it calls check the scope of every id again.
import type { RoleGrant } from "../../services/people.js";
import type { WebRoute } from "../web-route.js";
import { ADMIN_ROUTES } from "./admin.js";
import { DISTRICT_ROUTES } from "./district.js";
import { PROVIDER_ROUTES } from "./provider.js";
import { REGION_ROUTES } from "./region.js";

type GrantOf<R extends RoleGrant["role"]> = Extract<RoleGrant, { role: R }>;

export interface RoleRoutes {
  district_coordinator: WebRoute<GrantOf<"district_coordinator">>[];
  regional_coordinator: WebRoute<GrantOf<"regional_coordinator">>[];
  provider_coordinator: WebRoute<GrantOf<"provider_coordinator">>[];
  admin: WebRoute<GrantOf<"admin">>[];
}

export const ROLE_ROUTES: RoleRoutes = {
  district_coordinator: DISTRICT_ROUTES,
  regional_coordinator: REGION_ROUTES,
  provider_coordinator: PROVIDER_ROUTES,
  admin: ADMIN_ROUTES,
};
