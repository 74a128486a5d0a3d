import type { RoleGrant } from "../../services/people.js";
import type { WebRoute } from "../web-route.js";

type Grant = Extract<RoleGrant, { role: "admin" }>;

export const ADMIN_ROUTES: WebRoute<Grant>[] = [];
