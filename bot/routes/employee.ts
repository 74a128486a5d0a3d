// The employee's own screens (status, cohort, agreement, transfer, documents) and
// the personal-data screens.
import { route } from "./route.js";

const EMPLOYEE = ["employee"] as const;

export const employeeRoutes = {
  employeeStatus: route("es", { roles: EMPLOYEE }),
  employeeCohort: route("ec", { roles: EMPLOYEE }),
  employeeAgreement: route("ea", { roles: EMPLOYEE }),
  employeeTransfer: route("et", { roles: EMPLOYEE }),
  employeeDocuments: route("ed", { roles: EMPLOYEE }),
  /** "My data": what the bot keeps about the person, for anyone who writes to it. */
  myData: route("md"),
  /** A coordinator marks a person's correction request done. */
  correctionDone: route("crd", { params: { request: "int" } }),
};
