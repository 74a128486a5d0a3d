// `npm run invite -- <role> <KATO code or provider id>`: prints a one-time invite
// link for a coordinator, for setting up a region without an admin in Telegram.
//   npm run invite -- regional_coordinator 100000000
//   npm run invite -- district_coordinator 103200000
//   npm run invite -- provider_coordinator 3
import { join } from "node:path";
import { loadDotEnv } from "../bot/core/config.js";
import { createInvite, inviteLink } from "../bot/services/invites.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import type { Role } from "../db/types.js";

const ROLES = ["district_coordinator", "regional_coordinator", "provider_coordinator"] as const;
const [role, scope, botUsername = process.env.BOT_USERNAME ?? "<bot_username>"] =
  process.argv.slice(2);
if (!ROLES.includes(role as (typeof ROLES)[number]) || !scope) {
  console.error(
    `usage: npm run invite -- <${ROLES.join("|")}> <KATO code | provider id> [bot username]`,
  );
  process.exit(1);
}

loadDotEnv();
const database = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: join(process.env.DATA_DIR || "./data", "pglite"),
});
try {
  await migrateToLatest(database.db);
  await seedUnits(database.db);
  const target = await resolveTarget(role as Role, scope);
  const invite = await createInvite(database.db, target, {
    createdBy: 0,
    now: new Date(),
    ttlDays: Number(process.env.INVITE_TTL_DAYS || 14),
  });
  console.log(inviteLink(botUsername, invite.payload));
  console.log(`valid until ${invite.expiresAt.toISOString()}, once`);
} finally {
  await database.close();
}

async function resolveTarget(role: Role, scope: string) {
  if (role === "provider_coordinator") {
    const provider = await database.db
      .selectFrom("providers")
      .select("id")
      .where("id", "=", Number(scope))
      .executeTakeFirst();
    if (!provider) throw new Error(`no provider with id ${scope}`);
    return { kind: "coordinator" as const, role, providerId: provider.id };
  }
  const level = role === "regional_coordinator" ? "region" : "district";
  const unit = await database.db
    .selectFrom("units")
    .select("id")
    .where("kato_code", "=", scope)
    .where("level", "=", level)
    .executeTakeFirst();
  if (!unit) throw new Error(`no ${level}-level unit with KATO code ${scope}`);
  return { kind: "coordinator" as const, role, unitId: unit.id };
}
