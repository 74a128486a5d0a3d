// The transfer request moved to features/employee/transfer-request.ts; the cohort
// list it shares with the regional coordinator's decision is ../cohort-options.ts.
// Kept only for features/transfer-decisions.ts: delete once it imports cohort-options.js.
export { cohortButtons, cohortList } from "../cohort-options.js";
