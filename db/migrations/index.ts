// The migrations, listed by hand rather than globbed, so the order is explicit and
// bundlers or tsx need no file-system tricks. Names are ISO timestamps.
import type { Migration } from "kysely/migration";
import * as initialSchema from "./2026-11-25T00-00-00_initial_schema.js";
import * as verificationFailures from "./2026-11-25T04-40-00_verification_failures.js";
import * as verificationLimits from "./2026-11-26T02-00-00_verification_limits.js";

export const migrations: Record<string, Migration> = {
  "2026-11-25T00-00-00_initial_schema": initialSchema,
  "2026-11-25T04-40-00_verification_failures": verificationFailures,
  "2026-11-26T02-00-00_verification_limits": verificationLimits,
};
