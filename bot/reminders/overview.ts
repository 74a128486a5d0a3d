// What coordinators and admins see of the reminders: what will go out in the next
// 7 days to people in their scope, how the last 7 days' deliveries went, and the
// employees the bot cannot reach — they blocked it or never joined — while they are
// due or in a cohort, with their contact details, so training is not missed because
// a message could not be delivered.

import { type Kysely, sql } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { addDays, almatyDate, trainingStatus } from "../rules/index.js";
import { enrolmentsWithEmployee } from "../services/joins.js";
import { lastCertificateOn } from "../services/last-certificate.js";
import { computeReminders } from "./planner.js";

/** Telegram ids of the people of these units (employees and coordinators); null = everyone. */
export async function peopleOfUnits(
  db: Kysely<Database>,
  unitIds: number[] | null,
): Promise<Set<number> | null> {
  if (unitIds === null) return null;
  const ids = unitIds.length ? unitIds : [-1];
  const employees = await db
    .selectFrom("employees")
    .select("telegram_user_id")
    .where("unit_id", "in", ids)
    .where("telegram_user_id", "is not", null)
    .execute();
  return telegramIds(employees, await coordinatorsOf(db, "unit_id", ids));
}

/** Telegram ids of a provider's coordinators and of the participants of its cohorts. */
export async function peopleOfProvider(
  db: Kysely<Database>,
  providerId: number,
): Promise<Set<number>> {
  const participants = await enrolmentsWithEmployee(db)
    .select("e.telegram_user_id")
    .where("c.provider_id", "=", providerId)
    .where("e.telegram_user_id", "is not", null)
    .execute();
  return telegramIds(participants, await coordinatorsOf(db, "provider_id", [providerId]));
}

/** The coordinators whose membership (of these units or providers) is not revoked. */
function coordinatorsOf(db: Kysely<Database>, column: "unit_id" | "provider_id", ids: number[]) {
  return db
    .selectFrom("memberships")
    .select("telegram_user_id")
    .where(column, "in", ids)
    .where("revoked_at", "is", null)
    .execute();
}

/** One set of Telegram ids: the people found (asked only for those who have one) and the coordinators. */
function telegramIds(
  people: Array<{ telegram_user_id: number | null }>,
  coordinators: Array<{ telegram_user_id: number }>,
): Set<number> {
  return new Set([
    ...people.map((p) => p.telegram_user_id ?? 0),
    ...coordinators.map((c) => c.telegram_user_id),
  ]);
}

export interface DayPreview {
  date: IsoDate;
  byKind: Record<string, number>;
}

/** What will be sent in the next 7 days to these people (null: everyone). */
export async function previewNextWeek(
  db: Kysely<Database>,
  people: Set<number> | null,
  now: Date,
): Promise<DayPreview[]> {
  const alreadyQueued = new Set(
    (
      await db
        .selectFrom("outbox")
        .select("dedupe_key")
        .where("created_at", ">", new Date(now.getTime() - 8 * 86_400_000))
        .execute()
    ).map((r) => r.dedupe_key),
  );
  const days: DayPreview[] = [];
  for (let d = 0; d < 7; d++) {
    const at = new Date(now.getTime() + d * 86_400_000);
    const { planned } = await computeReminders(db, at);
    const byKind: Record<string, number> = {};
    for (const m of planned) {
      if (people && !people.has(m.telegramId)) continue;
      if (d === 0 && alreadyQueued.has(m.dedupeKey)) continue;
      const kind = m.textKey.replace("reminders.", "");
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    days.push({ date: almatyDate(at), byKind });
  }
  return days;
}

export async function deliveryLastWeek(
  db: Kysely<Database>,
  people: Set<number> | null,
  now: Date,
) {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", "telegram_user_id"])
    .where("created_at", ">", new Date(now.getTime() - 7 * 86_400_000))
    .execute();
  const counts = { sent: 0, pending: 0, failed: 0, unreachable: 0 };
  for (const r of rows) if (!people || people.has(r.telegram_user_id)) counts[r.status]++;
  return counts;
}

export interface PersonToReach {
  name: string;
  phone: string | null;
  position: string;
  why: "not_joined" | "blocked";
  need: "overdue" | "never_trained" | "due_soon" | "in_cohort";
}

/** Employees of the units whom the bot cannot reach while they need to act. */
export async function peopleToReach(
  db: Kysely<Database>,
  unitIds: number[],
  now: Date,
): Promise<PersonToReach[]> {
  const today = almatyDate(now);
  const rows = await db
    .selectFrom("employees as e")
    .leftJoin("telegram_users as u", "u.telegram_id", "e.telegram_user_id")
    .select([
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.phone",
      "e.position",
      "e.telegram_user_id",
      "u.unreachable_at",
      lastCertificateOn.as("last_on"),
      sql<boolean>`exists (select 1 from enrolments en join cohorts co on co.id = en.cohort_id where en.employee_id = e.id and en.status = 'enrolled' and co.ends_on >= ${today})`.as(
        "in_cohort",
      ),
    ])
    .where("e.unit_id", "in", unitIds.length ? unitIds : [-1])
    .where("e.active", "=", true)
    .where((eb) =>
      eb.or([eb("e.telegram_user_id", "is", null), eb("u.unreachable_at", "is not", null)]),
    )
    .orderBy("e.last_name")
    .execute();
  const soon = addDays(today, 90);
  return rows.flatMap((r): PersonToReach[] => {
    const status = trainingStatus({ lastCertificateIssuedOn: r.last_on, today });
    const need = r.in_cohort
      ? "in_cohort"
      : status.kind === "overdue" || status.kind === "never_trained"
        ? status.kind
        : status.dueOn <= soon
          ? "due_soon"
          : null;
    if (!need) return [];
    return [
      {
        name: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" "),
        phone: r.phone,
        position: r.position,
        why: r.telegram_user_id === null ? "not_joined" : "blocked",
        need,
      },
    ];
  });
}
