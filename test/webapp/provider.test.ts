// The provider coordinator's tables over HTTP, against the real database: the
// organization's cohorts and a cohort's participants with their agreement; the
// results board saved in one call (certificates numbered, the employees told in their
// chats, anyone not recorded named with the reason, a second save refused with who
// saved first and nothing done twice); retests once a calendar year; the register of
// Appendix 2 as a table and as the chat's files, each IIN shown and each download on
// record; another organization's cohort or enrolment refused with 403 and nothing of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmAgreement } from "../../bot/services/agreement.js";
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
import { startTestBot, type TestBot } from "../support/harness.js";
import { startWebApp, type TestWebApp } from "../support/webapp.js";

const COORDINATOR = { id: 8301, first_name: "Гульнар", language_code: "ru" };
const COLLEAGUE = { id: 8302, first_name: "Ерлан", language_code: "ru" };
const OTHER_ORG = { id: 8303, first_name: "Чужой", language_code: "ru" };
const KAZAKH_COLLEAGUE = { id: 8304, first_name: "Айгүл", language_code: "kk" };
const EMPLOYEES = [8311, 8312, 8313];

let app: TestBot;
let web: TestWebApp;
let providerId: number;
let otherProviderId: number;
let cohortId: number;
let foreignCohortId: number;
let foreignEnrolment: number;
let foreignCertificate: number;
const enrolments: number[] = [];

const db = () => app.deps.db;
const grant = () => `p${providerId}`;
const api = (path: string) => `api/g/${grant()}/${path}`;

async function count(table: "certificates" | "outbox" | "audit_log" | "test_attempts") {
  const row = await db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function accessRows(action: string) {
  return db()
    .selectFrom("access_log")
    .selectAll()
    .where("action", "=", action)
    .where("actor_telegram_id", "=", COORDINATOR.id)
    .execute();
}

beforeAll(async () => {
  app = await startTestBot({ webapp: true });
  web = await startWebApp(app);
  providerId = await createProvider(db(), "ҰБО");
  otherProviderId = await createProvider(db(), "БАСҚА");
  const region = await unitId(db(), KATO.abaiRegion);
  await grantRole(db(), COORDINATOR.id, "provider_coordinator", { providerId });
  // Chose Russian in the bot: a download link (no init data of its own) speaks it too.
  await telegramUser(db(), COORDINATOR.id, "ru");
  await grantRole(db(), COLLEAGUE.id, "provider_coordinator", { providerId });
  await grantRole(db(), KAZAKH_COLLEAGUE.id, "provider_coordinator", { providerId });
  await grantRole(db(), OTHER_ORG.id, "provider_coordinator", { providerId: otherProviderId });
  cohortId = await createCohort(db(), { providerId, startsOn: "2027-02-01", endsOn: "2027-02-12" });
  foreignCohortId = await createCohort(db(), {
    providerId: otherProviderId,
    startsOn: "2027-02-01",
    endsOn: "2027-02-12",
  });
  for (const [i, id] of EMPLOYEES.entries()) {
    const employee = await createEmployee(db(), {
      unitId: region,
      telegramId: id,
      lastName: ["Абаев", "Бекова", "Ғалымов"][i],
      firstName: "Тест",
      patronymic: null,
    });
    enrolments.push(await enrol(db(), employee, cohortId));
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  }
  const stranger = await createEmployee(db(), { unitId: region, lastName: "Чужаков" });
  foreignEnrolment = await enrol(db(), stranger, foreignCohortId);
  foreignCertificate = await issueCertificate(db(), {
    employeeId: stranger,
    providerId: otherProviderId,
    issuedOn: "2026-05-20",
    number: "БАСҚА-2026-000007",
  });
  const first = await db()
    .selectFrom("enrolments")
    .select("employee_id")
    .where("id", "=", enrolments[0] ?? 0)
    .executeTakeFirstOrThrow();
  await confirmAgreement(db(), {
    employeeId: first.employee_id,
    enrolmentId: enrolments[0] ?? 0,
    actor: EMPLOYEES[0] ?? 0,
    now: new Date("2027-01-25T10:00:00+05:00"),
  });
  app.clock.set("2027-02-13T10:00:00+05:00");
});
afterAll(async () => {
  await web.close();
  await app.database.close();
});

describe("cohorts and participants", () => {
  it("lists the organization's cohorts only", async () => {
    const answer = await web.as(COORDINATOR).get(api("cohorts"));
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toEqual([
      expect.objectContaining({
        id: cohortId,
        program: "Защита прав детей: современные подходы",
        startsOn: "2027-02-01",
        endsOn: "2027-02-12",
        enrolled: 3,
        phase: "finished",
      }),
    ]);
  });

  it("shows a cohort's participants with their agreement and whether results are open", async () => {
    const answer = await web.as(COORDINATOR).get(api(`cohorts/${cohortId}`));
    expect(answer.status).toBe(200);
    expect(answer.body.resultsOpen).toBe(true);
    const people = answer.body.participants as Array<Record<string, unknown>>;
    expect(people.map((p) => [p.name, p.status, p.agreementConfirmedAt !== null])).toEqual([
      ["Абаев Тест", "enrolled", true],
      ["Бекова Тест", "enrolled", false],
      ["Ғалымов Тест", "enrolled", false],
    ]);
    expect(people[0]?.agreementConfirmedAt).toBe("2027-01-25T05:00:00.000Z");
  });
});

describe("another organization's ids", () => {
  it("are refused with 403 and nothing of theirs in the answer", async () => {
    const me = web.as(COORDINATOR);
    const attempts = [
      await me.get(api(`cohorts/${foreignCohortId}`)),
      await me.post(api(`cohorts/${foreignCohortId}/results`), {
        takenOn: "2027-02-12",
        results: [{ enrolmentId: foreignEnrolment, passed: true }],
      }),
      await me.post(api(`cohorts/${cohortId}/results`), {
        takenOn: "2027-02-12",
        results: [{ enrolmentId: foreignEnrolment, passed: true }],
      }),
      await me.post(api(`cohorts/${foreignCohortId}/retests`), {
        enrolmentId: foreignEnrolment,
        takenOn: "2027-02-12",
        passed: true,
      }),
      await me.post(api(`cohorts/${cohortId}/retests`), {
        enrolmentId: foreignEnrolment,
        takenOn: "2027-02-12",
        passed: true,
      }),
      await me.get(api(`certificates/${foreignCertificate}`)),
      // Not their grant at all: the other organization's key.
      await me.get(`api/g/p${otherProviderId}/cohorts/${foreignCohortId}`),
      await me.get(`api/g/p${otherProviderId}/register`),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).not.toMatch(/Чужаков|БАСҚА|program|participants|rows/);
    }
    const stranger = await db()
      .selectFrom("enrolments")
      .select("status")
      .where("id", "=", foreignEnrolment)
      .executeTakeFirstOrThrow();
    expect(stranger.status).toBe("enrolled");
    expect(await count("test_attempts")).toBe(0);
  });
});

describe("the results board", () => {
  it("refuses a malformed board with 400 and a wrong date with the chat's reason, recording nobody", async () => {
    const me = web.as(COORDINATOR);
    const path = api(`cohorts/${cohortId}/results`);
    const one = [{ enrolmentId: enrolments[0], passed: true }];
    for (const body of [
      { takenOn: "13.02.2027", results: one },
      { takenOn: "2027-02-12" },
      { takenOn: "2027-02-12", results: [] },
      { takenOn: "2027-02-12", results: [{ enrolmentId: enrolments[0], passed: "yes" }] },
      { takenOn: "2027-02-12", results: [...one, ...one] },
    ])
      expect((await me.post(path, body)).status).toBe(400);
    const early = await me.post(path, { takenOn: "2027-02-11", results: one });
    expect(early.status).toBe(409);
    expect(early.body.error).toContain("Итоговое тестирование проводится по завершении программы");
    const ahead = await me.post(path, { takenOn: "2027-02-14", results: one });
    expect(ahead.status).toBe(409);
    expect(ahead.body.error).toBe("Эта дата ещё не наступила.");
    expect(await count("test_attempts")).toBe(0);
  });

  it("saves the whole cohort in one call: certificates, statements, the employees told, anyone recorded before named", async () => {
    // A colleague recorded Ғалымов a moment earlier, from another device.
    const colleague = await web.as(COLLEAGUE).post(api(`cohorts/${cohortId}/results`), {
      takenOn: "2027-02-12",
      results: [{ enrolmentId: enrolments[2], passed: true }],
    });
    expect(colleague.status).toBe(200);
    expect(colleague.body.lines).toEqual([
      expect.objectContaining({ recorded: true, certificateNumber: "ҰБО-2027-000001" }),
    ]);

    const saved = await web.as(COORDINATOR).post(api(`cohorts/${cohortId}/results`), {
      takenOn: "2027-02-12",
      results: [
        { enrolmentId: enrolments[0], passed: true },
        { enrolmentId: enrolments[1], passed: false },
        { enrolmentId: enrolments[2], passed: false },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ takenOn: "2027-02-12", passed: 1, failed: 1 });
    const lines = saved.body.lines as Array<Record<string, unknown>>;
    expect(lines[0]).toMatchObject({
      name: "Абаев Тест",
      recorded: true,
      passed: true,
      certificateNumber: "ҰБО-2027-000002",
    });
    expect(lines[1]).toMatchObject({ name: "Бекова Тест", recorded: true, passed: false });
    expect(lines[2]).toMatchObject({ name: "Ғалымов Тест", recorded: false, reason: "decided" });
    expect(lines[2]?.text).toMatch(/^результат уже записан: Ерлан, \d\d\.\d\d\.2027 \d\d:\d\d$/);

    // The colleague's pass stands: one certificate for Ғалымов, none more.
    const certificates = await db()
      .selectFrom("certificates")
      .select(["number", "enrolment_id", "issued_on"])
      .where("provider_id", "=", providerId)
      .orderBy("number")
      .execute();
    expect(certificates).toEqual([
      { number: "ҰБО-2027-000001", enrolment_id: enrolments[2], issued_on: "2027-02-12" },
      { number: "ҰБО-2027-000002", enrolment_id: enrolments[0], issued_on: "2027-02-12" },
    ]);

    await app.drainOutbox();
    const passed = app.sim.user({ id: EMPLOYEES[0] ?? 0, language_code: "ru" });
    expect(passed.lastText()).toContain("выдан сертификат № ҰБО-2027-000002");
    const failed = app.sim.user({ id: EMPLOYEES[1] ?? 0, language_code: "ru" });
    expect(failed.lastText()).toContain("Результат итогового тестирования: не пройдено");

    const sheet = await web.as(COORDINATOR).get(api(`cohorts/${cohortId}`));
    const people = sheet.body.participants as Array<Record<string, unknown>>;
    expect(people.map((p) => [p.status, p.certificateNumber, p.mayRetake])).toEqual([
      ["passed", "ҰБО-2027-000002", false],
      ["failed", null, true],
      ["passed", "ҰБО-2027-000001", false],
    ]);
    expect(people[1]?.tests).toEqual([{ kind: "final", takenOn: "2027-02-12", passed: false }]);

    // The certificate's card, as the chat sums it up.
    const card = await web.as(COORDINATOR).get(api(`certificates/${people[0]?.certificateId}`));
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      number: "ҰБО-2027-000002",
      holderName: "Абаев Тест",
      issuedOn: "2027-02-12",
      academicHours: 72,
      status: "valid",
    });
    expect(card.body.summary).toContain("Сертификат № ҰБО-2027-000002\nВладелец: Абаев Тест");
  });

  it("a second save is refused with who saved first, in each one's language, and nothing happens twice", async () => {
    const before = await Promise.all([
      count("certificates"),
      count("outbox"),
      count("audit_log"),
      count("test_attempts"),
    ]);
    const again = await web.as(COORDINATOR).post(api(`cohorts/${cohortId}/results`), {
      takenOn: "2027-02-12",
      results: [
        { enrolmentId: enrolments[0], passed: true },
        { enrolmentId: enrolments[1], passed: false },
      ],
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(
      /^Это уже сделано: Гульнар, \d\d\.\d\d\.2027 \d\d:\d\d\. Повторно ничего не изменено\.$/,
    );
    const lines = again.body.lines as Array<Record<string, unknown>>;
    expect(lines.map((l) => [l.name, l.recorded, l.reason])).toEqual([
      ["Абаев Тест", false, "decided"],
      ["Бекова Тест", false, "decided"],
    ]);
    // A colleague who reads Kazakh is told the same in Kazakh.
    const inKazakh = await web.as(KAZAKH_COLLEAGUE).post(api(`cohorts/${cohortId}/results`), {
      takenOn: "2027-02-12",
      results: [{ enrolmentId: enrolments[2], passed: false }],
    });
    expect(inKazakh.status).toBe(409);
    expect(inKazakh.body.error).toMatch(
      /^Бұл әрекет бұрын орындалған: Ерлан, \d\d\.\d\d\.2027 \d\d:\d\d\. Қайта ештеңе өзгертілмеді\.$/,
    );
    expect((inKazakh.body.lines as Array<{ text: string }>)[0]?.text).toMatch(
      /^нәтижесі бұрын енгізілген: Ерлан, /,
    );
    const after = await Promise.all([
      count("certificates"),
      count("outbox"),
      count("audit_log"),
      count("test_attempts"),
    ]);
    expect(after).toEqual(before);
  });
});

describe("retests", () => {
  const retest = (body: Record<string, unknown>) =>
    web.as(COORDINATOR).post(api(`cohorts/${cohortId}/retests`), body);

  it("once a calendar year, with the chat's refusals; a pass issues the certificate", async () => {
    expect((await retest({ enrolmentId: enrolments[1], takenOn: "01.03.2027" })).status).toBe(400);
    app.clock.set("2027-03-01T10:00:00+05:00");
    const first = await retest({
      enrolmentId: enrolments[1],
      takenOn: "2027-03-01",
      passed: false,
    });
    expect(first.status).toBe(200);
    expect(first.body.text).toBe("Результат повторного тестирования записан: не пройдено.");

    // A double click: the same retest again is the year's retest already used.
    const twice = await retest({
      enrolmentId: enrolments[1],
      takenOn: "2027-03-01",
      passed: false,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toContain(
      "в 2027 году у работника уже было повторное тестирование — 01.03.2027",
    );
    app.clock.set("2027-04-01T10:00:00+05:00");
    const sameYear = await retest({
      enrolmentId: enrolments[1],
      takenOn: "2027-04-01",
      passed: true,
    });
    expect(sameYear.status).toBe(409);
    expect(sameYear.body.reason).toBe("retest_used_this_year");

    const certified = await retest({
      enrolmentId: enrolments[0],
      takenOn: "2027-04-01",
      passed: true,
    });
    expect(certified.status).toBe(409);
    expect(certified.body.error).toBe("У этого работника уже есть сертификат.");

    app.clock.set("2028-01-15T10:00:00+05:00");
    const ahead = await retest({ enrolmentId: enrolments[1], takenOn: "2028-01-16", passed: true });
    expect(ahead.status).toBe(409);
    expect(ahead.body.error).toBe("Эта дата ещё не наступила.");
    const next = await retest({ enrolmentId: enrolments[1], takenOn: "2028-01-15", passed: true });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ certificateNumber: "ҰБО-2028-000001" });
    expect(next.body.text).toBe(
      "✅ Результат повторного тестирования записан, выдан сертификат № ҰБО-2028-000001.",
    );
    await app.drainOutbox();
    const employee = app.sim.user({ id: EMPLOYEES[1] ?? 0, language_code: "ru" });
    expect(employee.lastText()).toContain("выдан сертификат № ҰБО-2028-000001");
  });
});

describe("the register of Appendix 2", () => {
  it("shows a year's certificates with full IINs, each IIN shown on record", async () => {
    const before = (await accessRows("employee.iin")).length;
    const answer = await web.as(COORDINATOR).get(api("register?year=2027"));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ year: 2027, total: 2, page: 0 });
    const rows = answer.body.rows as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.number, r.holderName, r.issuedOn, r.status])).toEqual([
      ["ҰБО-2027-000001", "Ғалымов Тест", "2027-02-12", "valid"],
      ["ҰБО-2027-000002", "Абаев Тест", "2027-02-12", "valid"],
    ]);
    for (const row of rows) expect(row.iin).toMatch(/^\d{12}$/);
    const logged = await accessRows("employee.iin");
    expect(logged.length - before).toBe(2);
    expect(logged.at(-1)).toMatchObject({ subject: "webapp" });
    expect(logged.at(-1)?.employee_id).toEqual(expect.any(Number));

    const all = await web.as(COORDINATOR).get(api("register?year=all"));
    expect(all.body.total).toBe(3);
    expect((await web.as(COORDINATOR).get(api("register?year=2x"))).status).toBe(400);
    // The other organization's register has none of them.
    const theirs = await web.as(OTHER_ORG).get(`api/g/p${otherProviderId}/register?year=all`);
    expect((theirs.body.rows as Array<{ number: string }>).map((r) => r.number)).toEqual([
      "БАСҚА-2026-000007",
    ]);
  });

  it("exports the chat's files through a download link, each download on record", async () => {
    const me = web.as(COORDINATOR);
    const link = await me.post("api/link", { path: `g/${grant()}/register.xlsx?year=2027` });
    expect(link.status).toBe(200);
    const file = await fetch(`${web.origin}${link.body.url as string}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("spreadsheetml");
    expect(decodeURIComponent(file.headers.get("content-disposition") ?? "")).toContain(
      "Журнал регистрации сертификатов 2027.xlsx",
    );
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe("PK");

    const pdf = await me.get(api("register.pdf?year=all"));
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");

    const downloads = await accessRows("register.download");
    expect(downloads.map((d) => d.subject)).toEqual([
      `register:${providerId}:2027`,
      `register:${providerId}:all`,
    ]);
    // An empty year has no file: the chat's words, and nothing on record.
    const empty = await me.get(api("register.pdf?year=2026"));
    expect(empty.status).toBe(409);
    expect(empty.body.error).toBe("За этот период сертификатов не выдавалось.");
    expect(await accessRows("register.download")).toHaveLength(2);
  });
});
