// Regional coordinators: enrolment, head's orders, transfers, breaches; provider
// coordinators: cohorts, results, certificates, the register, the logo.
import { route } from "./route.js";

const REGIONAL = ["regional_coordinator"] as const;
const PROVIDER = ["provider_coordinator"] as const;

export const cohortRoutes = {
  enrol: route("en", { roles: REGIONAL }),
  headOrders: route("ho", { roles: REGIONAL }),
  transferRequests: route("tq", { roles: REGIONAL }),
  transferRequest: route("tv", { roles: REGIONAL, params: { request: "int" } }),
  breaches: route("br", { roles: REGIONAL }),
  cohorts: route("co", { roles: PROVIDER }),
  cohort: route("cov", { roles: PROVIDER, params: { cohort: "int" } }),
  certificate: route("pc", { roles: PROVIDER }),
  register: route("rg", { roles: PROVIDER }),
  logo: route("pl", { roles: PROVIDER }),
};
