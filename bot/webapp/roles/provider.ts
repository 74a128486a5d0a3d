import type { RoleGrant } from "../../services/people.js";
import type { WebRoute } from "../web-route.js";

type Grant = Extract<RoleGrant, { role: "provider_coordinator" }>;

export const PROVIDER_ROUTES: WebRoute<Grant>[] = [];
