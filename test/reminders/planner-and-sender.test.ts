// Reminders with a moved clock: each one is planned on its day and not the day
// before or after; a second run adds nothing; nothing goes out at night; 429 waits,
// 403 marks the person unreachable. Two senders sharing 5,000 rows: see two-senders.test.ts.
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import { initI18n, translateKey, translator } from "../../bot/i18n/index.js";
import { enqueue, type OutboxParam } from "../../bot/outbox/outbox.js";
import { planReminders } from "../../bot/reminders/planner.js";
import { OutboxSender, resolveParams } from "../../bot/reminders/sender.js";
import { submitList } from "../../bot/services/district-lists.js";
import { openList } from "../../bot/services/lists.js";
import { TelegramSimulator } from "../simulator/index.js";
import { TestClock } from "../support/clock.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  issueCertificate,
  KATO,
  telegramUser,
  unitId,
} from "../support/fixtures.js";

let database: TestDatabase;
const sim = new TelegramSimulator();
const api = new Api(sim.token, { apiRoot: sim.apiRoot, fetch: sim.fetch });
const logger = createLogger("silent");
let district: number;
let region: number;
let learnerEnrolment: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  district = await unitId(db, KATO.abaiDistrict);
  region = await unitId(db, KATO.abaiRegion);
  const provider = await createProvider(db);
  // An employee whose certificate of 10.03.2025 makes them due on 10.03.2027.
  const due = await createEmployee(db, { unitId: district, telegramId: 300, lastName: "Мерзім" });
  await issueCertificate(db, {
    employeeId: due,
    providerId: provider,
    issuedOn: "2025-03-10",
    number: "R-1",
  });
  await telegramUser(db, 300, "ru");
  await grantRole(db, 310, "district_coordinator", { unitId: district });
  await grantRole(db, 311, "district_coordinator", { unitId: await unitId(db, KATO.semeyCity) });
  await grantRole(db, 320, "regional_coordinator", { unitId: region });
  await grantRole(db, 330, "provider_coordinator", { providerId: provider });
  // A cohort from 14 to 24 December 2026 with one participant who has not confirmed.
  const cohort = await createCohort(db, {
    providerId: provider,
    startsOn: "2026-12-14",
    endsOn: "2026-12-24",
  });
  const learner = await createEmployee(db, {
    unitId: district,
    telegramId: 301,
    lastName: "Оқушы",
  });
  learnerEnrolment = await enrol(db, learner, cohort);
  await telegramUser(db, 301, "ru");
  for (const id of [300, 301, 310, 311, 320, 330]) sim.user({ id });
});
afterAll(() => database.close());

/** What the planner adds on a given Almaty date (planned at 08:30). */
async function plannedOn(date: string) {
  const before = await database.db.selectFrom("outbox").select("id").execute();
  await planReminders(database.db, new Date(`${date}T08:30:00+05:00`));
  return database.db
    .selectFrom("outbox")
    .select(["telegram_user_id", "text_key", "params", "dedupe_key", "not_before"])
    .where("id", "not in", before.length ? before.map((r) => r.id) : [-1])
    .orderBy("id")
    .execute();
}

const keysOn = async (date: string) =>
  (await plannedOn(date)).map((r) => `${r.telegram_user_id}:${r.text_key}`);

describe("the planner", () => {
  it("reminds an employee 90, 30 and 7 days before the due date, and once when overdue — each on its day only", async () => {
    for (const [day, expected] of [
      ["2026-12-09", []],
      ["2026-12-10", ["300:reminders.due"]],
      ["2026-12-11", []],
      ["2027-02-08", ["300:reminders.due"]],
      ["2027-03-03", ["300:reminders.due"]],
      ["2027-03-10", []],
      ["2027-03-11", ["300:reminders.overdue", "310:reminders.overdue_digest"]],
      ["2027-03-12", []],
    ] as const) {
      const keys = (await keysOn(day)).filter((k) => k.includes("due") || k.includes("overdue"));
      expect({ day, keys }).toEqual({ day, keys: [...expected] });
    }
  });

  it("plans nothing twice: a second run the same day is a no-op", async () => {
    await plannedOn("2026-12-07");
    expect(await plannedOn("2026-12-07")).toEqual([]);
  });

  it("tells a participant 7 and 1 days before the start, and asks for the agreement 3 days before", async () => {
    for (const day of [
      "2026-12-06",
      "2026-12-07",
      "2026-12-08",
      "2026-12-11",
      "2026-12-12",
      "2026-12-13",
    ])
      await plannedOn(day);
    const rows = await database.db
      .selectFrom("outbox")
      .select("dedupe_key")
      .where("telegram_user_id", "=", 301)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(
      [
        `agreement:${learnerEnrolment}:2026-12-11`,
        `cohort-start:${learnerEnrolment}:1`,
        `cohort-start:${learnerEnrolment}:7`,
      ].sort(),
    );
    // Russian declines the days and says «завтра» for one day ahead; Kazakh likewise.
    await initI18n();
    const starts = await database.db
      .selectFrom("outbox")
      .select(["text_key", "params", "dedupe_key"])
      .where("dedupe_key", "like", `cohort-start:${learnerEnrolment}:%`)
      .orderBy("dedupe_key")
      .execute();
    const render = (language: "kk" | "ru", row: (typeof starts)[number]) =>
      translateKey(
        translator(language),
        row.text_key,
        resolveParams(row.params as Record<string, OutboxParam>, language),
      );
    const [tomorrow, week] = starts;
    if (!tomorrow || !week) throw new Error("cohort-start reminders missing");
    expect(render("ru", tomorrow)).toContain("начнётся завтра: 14.12.2026");
    expect(render("kk", tomorrow)).toContain("оқуы ертең басталады");
    expect(render("ru", week)).toContain("начнётся через 7 дней");
    expect(render("kk", week)).toContain("оқуы 7 күннен кейін басталады");
  });

  it("asks district coordinators for the list on 1, 15, 25 and 31 October, but not once it is sent", async () => {
    expect(await keysOn("2026-10-01")).toEqual([
      "310:reminders.district_list",
      "311:reminders.district_list",
    ]);
    expect(await keysOn("2026-10-02")).toEqual([]);
    const list = await openList(
      database.db,
      district,
      2027,
      "district",
      310,
      new Date("2026-10-10T10:00:00+05:00"),
    );
    await submitList(database.db, list.id, 2027, 310, new Date("2026-10-10T10:00:00+05:00"));
    expect(await keysOn("2026-10-15")).toEqual([
      "311:reminders.district_list",
      "320:reminders.waiting",
    ]);
    expect(await keysOn("2026-10-25")).toEqual([
      "311:reminders.district_list",
      "320:reminders.waiting",
    ]);
    expect(await keysOn("2026-10-31")).toEqual([
      "311:reminders.district_list",
      "320:reminders.waiting",
    ]);
  });

  it("asks regional coordinators for the consolidated list on 15, 25 and 30 November", async () => {
    expect((await keysOn("2026-11-15")).filter((k) => k.includes("consolidated"))).toEqual([
      "320:reminders.consolidated_list",
    ]);
    expect((await keysOn("2026-11-16")).filter((k) => k.includes("consolidated"))).toEqual([]);
    expect((await keysOn("2026-11-30")).filter((k) => k.includes("consolidated"))).toEqual([
      "320:reminders.consolidated_list",
    ]);
  });

  it("reminds the provider three days after a cohort ends without results", async () => {
    expect((await keysOn("2026-12-26")).filter((k) => k.includes("results"))).toEqual([]);
    expect((await keysOn("2026-12-27")).filter((k) => k.includes("results"))).toEqual([
      "330:reminders.results",
    ]);
    expect((await keysOn("2026-12-28")).filter((k) => k.includes("results"))).toEqual([]);
  });
});

describe("the sender", () => {
  it("sends nothing at night, and at 09:00 sends each message in the person's language with its button", async () => {
    const clock = new TestClock(new Date("2027-05-04T08:59:00+05:00"));
    await enqueue(database.db, [
      {
        telegramId: 300,
        textKey: "reminders.due",
        params: { date: "10.03.2027", days: 7 },
        buttons: [{ labelKey: "employee.menu.status", data: "es" }],
        dedupeKey: "night-test",
        notBefore: new Date("2027-05-04T03:00:00+05:00"),
      },
    ]);
    const sender = new OutboxSender(
      { db: database.db, api, logger, clock: clock.now },
      { ratePerSecond: 1000 },
    );
    expect(await sender.runOnce()).toBe(0);
    clock.set("2027-05-04T20:00:00+05:00");
    expect(await sender.runOnce()).toBe(0);
    clock.set("2027-05-05T09:00:00+05:00");
    await drain(sender);
    const user = sim.user({ id: 300 });
    expect(user.lastText()).toContain("Приближается срок повышения квалификации: до 10.03.2027");
    expect(user.inlineButtons()).toEqual(["📅 Срок повышения квалификации"]);
  });

  it("waits out a 429 and sends the message afterwards; a 403 marks the person unreachable without retries", async () => {
    const clock = new TestClock(new Date("2027-05-06T10:00:00+05:00"));
    const sender = new OutboxSender(
      { db: database.db, api, logger, clock: clock.now },
      { ratePerSecond: 1000 },
    );
    await drain(sender);
    await enqueue(database.db, [
      {
        telegramId: 301,
        textKey: "reminders.agreement",
        params: { program: { kk: "Бағдарлама", ru: "Программа" }, from: "01.06.2027" },
        dedupeKey: "429-test",
        notBefore: clock.now(),
      },
      {
        telegramId: 311,
        textKey: "reminders.waiting",
        params: { lists: 1, requests: 0 },
        dedupeKey: "403-test",
        notBefore: clock.now(),
      },
    ]);
    sim.failNext(
      "sendMessage",
      {
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      },
      { chatId: 301 },
    );
    sim.block(311);
    await sender.runOnce();
    const rows = async () =>
      database.db
        .selectFrom("outbox")
        .select(["dedupe_key", "status", "attempts"])
        .where("dedupe_key", "in", ["429-test", "403-test"])
        .orderBy("dedupe_key")
        .execute();
    expect(await rows()).toEqual([
      { dedupe_key: "403-test", status: "unreachable", attempts: 1 },
      { dedupe_key: "429-test", status: "pending", attempts: 0 },
    ]);
    const blocked = await database.db
      .selectFrom("telegram_users")
      .select("unreachable_at")
      .where("telegram_id", "=", 311)
      .executeTakeFirstOrThrow();
    expect(blocked.unreachable_at).not.toBeNull();
    clock.set("2027-05-06T10:00:02+05:00");
    await drain(sender);
    expect((await rows()).map((r) => r.status)).toEqual(["unreachable", "sent"]);
    expect(sim.user({ id: 301 }).lastText()).toContain(
      "Подтвердите условия договора по обучению «Программа»",
    );
  });
});

async function drain(sender: OutboxSender): Promise<void> {
  await sender.drain();
}
