import type { RoleGrant } from "../../services/people.js";
import type { WebRoute } from "../web-route.js";

type Grant = Extract<RoleGrant, { role: "regional_coordinator" }>;

export const REGION_ROUTES: WebRoute<Grant>[] = [];
