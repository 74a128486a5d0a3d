// The migrations, listed by hand rather than globbed, so the order is explicit and
// bundlers or tsx need no file-system tricks. Names are ISO timestamps.
import type { Migration } from "kysely/migration";
import * as initialSchema from "./2026-11-25T00-00-00_initial_schema.js";
import * as verificationFailures from "./2026-11-25T04-40-00_verification_failures.js";
import * as stateGuards from "./2026-11-26T01-00-00_state_guards.js";
import * as verificationLimits from "./2026-11-26T02-00-00_verification_limits.js";
import * as senderLeaseAndBudget from "./2026-11-26T03-00-00_sender_lease_and_budget.js";
import * as personalData from "./2026-11-26T04-00-00_personal_data.js";
import * as headOrders from "./2026-11-26T05-00-00_head_orders_and_attachments.js";
import * as reservedPrefixesAndRevocation from "./2026-11-26T07-00-00_reserved_prefixes_and_revocation.js";
import * as listAmendments from "./2026-12-06T01-00-00_list_amendments.js";
import * as retestPerEmployeeYear from "./2026-12-06T02-00-00_retest_per_employee_year.js";
import * as transferOrders from "./2026-12-06T03-00-00_transfer_orders.js";

export const migrations: Record<string, Migration> = {
  "2026-11-25T00-00-00_initial_schema": initialSchema,
  "2026-11-25T04-40-00_verification_failures": verificationFailures,
  "2026-11-26T01-00-00_state_guards": stateGuards,
  "2026-11-26T02-00-00_verification_limits": verificationLimits,
  "2026-11-26T03-00-00_sender_lease_and_budget": senderLeaseAndBudget,
  "2026-11-26T04-00-00_personal_data": personalData,
  "2026-11-26T05-00-00_head_orders_and_attachments": headOrders,
  "2026-11-26T07-00-00_reserved_prefixes_and_revocation": reservedPrefixesAndRevocation,
  "2026-12-06T01-00-00_list_amendments": listAmendments,
  "2026-12-06T02-00-00_retest_per_employee_year": retestPerEmployeeYear,
  "2026-12-06T03-00-00_transfer_orders": transferOrders,
};
