// Who may do what: coordinators and their invites, organizations, the national
// overview, the access log.
import { route } from "./route.js";

const ADMIN = ["admin"] as const;
/** The fields of an organization an admin changes one at a time (services/providers.ts). */
export const PROVIDER_FIELDS = ["name_kk", "name_ru", "head_name", "certificate_prefix"] as const;
/** Grants that may revoke coordinators (an admin anyone, a region its districts'). */
const REVOKING = ["regional_coordinator", "admin"] as const;
/** Grants that issue invite links and see the unused ones. */
const ISSUING = ["district_coordinator", "regional_coordinator", "admin"] as const;

export const accessRoutes = {
  coordinatorInvite: route("ci", { roles: ADMIN }),
  /** Coordinator invite steps (a conversation): the role, a region, district or provider, back. */
  coordinatorInviteRole: route("cir", {
    params: { role: ["district_coordinator", "regional_coordinator", "provider_coordinator"] },
  }),
  coordinatorInviteScope: route("cis", { params: { item: "int" } }),
  coordinatorInviteBack: route("cib"),

  /** Coordinators a grant may see: all ("x"), or one role's (district, regional, provider). */
  coordinators: route("cr", {
    roles: REVOKING,
    params: { filter: ["x", "d", "r", "p"], page: "int" },
  }),
  /** One coordinator's card (a membership). */
  coordinatorCard: route("crv", { roles: REVOKING, params: { membership: "int" } }),
  /** "Revoke the role": asks to confirm. */
  coordinatorRevoke: route("crr", { roles: REVOKING, params: { membership: "int" } }),
  /** The revocation confirmed. */
  coordinatorRevokeConfirmed: route("cry", { roles: REVOKING, params: { membership: "int" } }),

  inviteLinks: route("il", { roles: ISSUING, params: { page: "int" } }),
  /** The same list as a new message, under a link just made that must stay readable. */
  inviteLinksBelow: route("iln", { roles: ISSUING, params: { page: "int" } }),
  inviteLinkCard: route("ilv", { roles: ISSUING, params: { invite: "int" } }),
  inviteLinkCancel: route("ilc", { roles: ISSUING, params: { invite: "int" } }),

  providers: route("ap", { roles: ADMIN }),
  providerCard: route("apv", { roles: ADMIN, params: { provider: "int" } }),
  /** Deactivates an active organization, activates an inactive one. */
  providerToggle: route("apx", { roles: ADMIN, params: { provider: "int" } }),
  providerNew: route("apn", { roles: ADMIN }),
  providerEdit: route("ape", { roles: ADMIN, params: { provider: "int", field: PROVIDER_FIELDS } }),

  nationalOverview: route("ao", { roles: ADMIN }),
  /** Views of personal data over the last 7 or 30 days. */
  accessLog: route("al", { roles: ADMIN, params: { days: ["7", "30"], page: "int" } }),
  /** Everything read about one employee. */
  accessLogEmployee: route("ale", { roles: ADMIN, params: { employee: "int", page: "int" } }),
  /** Asks for an IIN or a surname to find the employee. */
  accessLogSearch: route("alq", { roles: ADMIN }),
};
