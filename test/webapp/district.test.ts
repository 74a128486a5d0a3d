// The district coordinator's tables over HTTP, on a clock set to 25 November 2026
// (Almaty): the register's filters give exactly the people item 6 and the overview
// count, searched and paged by the server; a card shows what the chat's does and
// edits fields with the chat's checks and words; next year's list (item 7) is
// changed and sent through the chat's services, with "already done by…" on a second
// send; another district's ids get 403 and nothing of them; every read is logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptList } from "../../bot/services/district-lists.js";
import { unitOverview } from "../../bot/services/overview.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  districtOf,
  enrol,
  grantRole,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { startWebApp, type TestWebApp, type WebClient } from "../support/webapp.js";

const COORDINATOR = { id: 8301, first_name: "Дана", language_code: "ru" };
const OTHER = { id: 8302, first_name: "Ерлан", language_code: "ru" };

let app: TestBot;
let web: TestWebApp;
let client: WebClient;
let district: number;
let otherDistrict: number;
let api: string;
/** Employee ids by surname. */
const ids: Record<string, number> = {};
let stranger: number;

interface Row {
  id: number;
  iin: string;
  lastName: string;
  status: string;
  dueOn: string | null;
  agreement: string;
  consent: string;
}

const names = (body: Record<string, unknown>) => (body.rows as Row[]).map((r) => r.lastName);

beforeAll(async () => {
  app = await startTestBot({ webapp: true });
  app.clock.set("2026-11-25T10:00:00+05:00");
  web = await startWebApp(app);
  client = web.as(COORDINATOR);
  const { db } = app.deps;
  district = await unitId(db, KATO.abaiDistrict);
  otherDistrict = await districtOf(db, KATO.akmolaRegion);
  api = `api/g/d${district}`;
  await grantRole(db, COORDINATOR.id, "district_coordinator", { unitId: district });
  await grantRole(db, OTHER.id, "district_coordinator", { unitId: otherDistrict });
  const provider = await createProvider(db);
  const add = async (lastName: string, fixture: Parameters<typeof createEmployee>[1]) => {
    ids[lastName] = await createEmployee(db, { ...fixture, lastName });
  };
  // Never trained.
  await add("Ахметова", { unitId: district, telegramId: 9301 });
  // Due 10.01.2026: overdue; declined the notice.
  await add("Бекова", {
    unitId: district,
    previousCertificateOn: "2024-01-10",
    telegramId: 9302,
    consent: "declined",
  });
  // A certificate of 20.12.2024: due 20.12.2026, this year and within 90 days; in training, agreement not signed.
  await add("Валиева", { unitId: district, telegramId: 9303, consent: "none" });
  await issueCertificate(db, {
    employeeId: ids.Валиева ?? 0,
    providerId: provider,
    issuedOn: "2024-12-20",
    number: "ҰБО-2024-0001",
  });
  // Due 20.01.2027: after this year, but within 90 days; not in the bot.
  await add("Габдуллина", { unitId: district, previousCertificateOn: "2025-01-20" });
  // Due 01.06.2027: up to date; in training with the agreement signed.
  await add("Данияров", { unitId: district, previousCertificateOn: "2025-06-01" });
  // A revoked certificate counts for nothing: due 01.05.2025 from the one before, overdue.
  await add("Ержанова", { unitId: district, previousCertificateOn: "2023-05-01" });
  const revoked = await issueCertificate(db, {
    employeeId: ids.Ержанова ?? 0,
    providerId: provider,
    issuedOn: "2025-06-01",
    number: "ҰБО-2025-0002",
  });
  await db
    .updateTable("certificates")
    .set({
      status: "revoked",
      revoked_at: new Date("2025-07-01T10:00:00+05:00"),
      revoked_reason: "ошибка",
    })
    .where("id", "=", revoked)
    .execute();
  // Deactivated: in no table.
  await add("Жумабаев", { unitId: district });
  await db
    .updateTable("employees")
    .set({ active: false })
    .where("id", "=", ids.Жумабаев ?? 0)
    .execute();
  // To be deactivated in the tables.
  await add("Зейнуллина", { unitId: district, previousCertificateOn: "2025-09-01" });
  const cohort = await createCohort(db, {
    providerId: provider,
    startsOn: "2026-12-01",
    endsOn: "2026-12-10",
  });
  await enrol(db, ids.Валиева ?? 0, cohort);
  const signed = await enrol(db, ids.Данияров ?? 0, cohort);
  await db
    .updateTable("enrolments")
    .set({ agreement_confirmed_at: new Date("2026-11-20T12:00:00+05:00") })
    .where("id", "=", signed)
    .execute();
  stranger = await createEmployee(db, {
    unitId: otherDistrict,
    lastName: "Чужая",
    previousCertificateOn: "2023-01-01",
  });
});

afterAll(async () => {
  await web.close();
  await app.database.close();
});

describe("the register as a table", () => {
  it("sorts by due date, the never trained first, with full IINs", async () => {
    const answer = await client.get(`${api}/employees`);
    expect(answer.status).toBe(200);
    expect(answer.body.today).toBe("2026-11-25");
    expect(names(answer.body)).toEqual([
      "Ахметова",
      "Ержанова",
      "Бекова",
      "Валиева",
      "Габдуллина",
      "Данияров",
      "Зейнуллина",
    ]);
    const rows = answer.body.rows as Row[];
    expect(rows.map((r) => r.dueOn)).toEqual([
      null,
      "2025-05-01",
      "2026-01-10",
      "2026-12-20",
      "2027-01-20",
      "2027-06-01",
      "2027-09-01",
    ]);
    for (const row of rows) expect(row.iin).toMatch(/^\d{12}$/);
  });

  it("filters by training status, each filter finding whom the overview counts", async () => {
    const expected: Record<string, string[]> = {
      overdue: ["Ержанова", "Бекова"],
      due_this_year: ["Валиева"],
      due_soon: ["Валиева", "Габдуллина"],
      up_to_date: ["Габдуллина", "Данияров", "Зейнуллина"],
      never_trained: ["Ахметова"],
    };
    for (const [status, people] of Object.entries(expected)) {
      const answer = await client.get(`${api}/employees?status=${status}`);
      expect(names(answer.body), status).toEqual(people);
      expect(answer.body.total, status).toBe(people.length);
    }
    const [line] = await unitOverview(
      app.deps.db,
      { role: "district_coordinator", unitId: district },
      app.deps.clock(),
    );
    expect(line?.counts).toEqual({
      overdue: expected.overdue?.length,
      dueThisYear: expected.due_this_year?.length,
      upToDate: expected.up_to_date?.length,
      neverTrained: expected.never_trained?.length,
      total: 7,
    });
    const overdue = await client.get(`${api}/employees?status=overdue&dir=desc`);
    expect(names(overdue.body)).toEqual(["Бекова", "Ержанова"]);
    expect((overdue.body.rows as Row[]).map((r) => r.status)).toEqual(["overdue", "overdue"]);
  });

  it("filters by the agreement of the open training and by consent", async () => {
    const by = async (query: string) => names((await client.get(`${api}/employees?${query}`)).body);
    expect(await by("agreement=signed")).toEqual(["Данияров"]);
    expect(await by("agreement=unsigned")).toEqual(["Валиева"]);
    expect(await by("agreement=not_enrolled&sort=name")).toEqual([
      "Ахметова",
      "Бекова",
      "Габдуллина",
      "Ержанова",
      "Зейнуллина",
    ]);
    expect(await by("consent=agreed")).toEqual(["Ахметова"]);
    expect(await by("consent=declined")).toEqual(["Бекова"]);
    expect(await by("consent=pending")).toEqual(["Валиева"]);
    expect(await by("consent=not_joined&sort=name")).toEqual([
      "Габдуллина",
      "Данияров",
      "Ержанова",
      "Зейнуллина",
    ]);
    expect(await by("status=overdue&consent=declined")).toEqual(["Бекова"]);
    const one = (await client.get(`${api}/employees?search=Вал`)).body.rows as Row[];
    expect(one[0]).toMatchObject({ agreement: "unsigned", consent: "pending" });
  });

  it("finds by surname or IIN", async () => {
    expect(names((await client.get(`${api}/employees?search=бек`)).body)).toEqual(["Бекова"]);
    const all = (await client.get(`${api}/employees`)).body.rows as Row[];
    const iin = all.find((r) => r.lastName === "Габдуллина")?.iin ?? "";
    expect(names((await client.get(`${api}/employees?search=${iin}`)).body)).toEqual([
      "Габдуллина",
    ]);
    expect(names((await client.get(`${api}/employees?search=Чуж`)).body)).toEqual([]);
  });

  it("pages on the server, and says how many there are past the last page", async () => {
    const pages = [];
    for (const page of [0, 1, 2, 3]) {
      const answer = await client.get(`${api}/employees?sort=name&size=2&page=${page}`);
      expect(answer.body.total).toBe(7);
      pages.push(names(answer.body));
    }
    expect(pages).toEqual([
      ["Ахметова", "Бекова"],
      ["Валиева", "Габдуллина"],
      ["Данияров", "Ержанова"],
      ["Зейнуллина"],
    ]);
    const past = await client.get(`${api}/employees?sort=name&size=2&page=9`);
    expect(past.body).toMatchObject({ total: 7, rows: [] });
  });

  it("refuses a filter it does not know", async () => {
    expect((await client.get(`${api}/employees?status=late`)).status).toBe(400);
    expect((await client.get(`${api}/employees?size=1000`)).status).toBe(400);
  });

  it("writes every IIN it shows to the access log", async () => {
    const { db } = app.deps;
    const before = await db.selectFrom("access_log").select("id").execute();
    const answer = await client.get(`${api}/employees?status=overdue`);
    const logged = await db
      .selectFrom("access_log")
      .selectAll()
      .where("id", "not in", before.length ? before.map((r) => r.id) : [0])
      .execute();
    expect(
      logged.map((r) => [r.action, r.employee_id, r.subject, Number(r.actor_telegram_id)]),
    ).toEqual(
      (answer.body.rows as Row[]).map((r) => ["employee.iin", r.id, "webapp", COORDINATOR.id]),
    );
  });
});

describe("an employee's card", () => {
  it("shows the record, status and due date, history and consent, and logs the opening", async () => {
    const answer = await client.get(`${api}/employees/${ids.Ержанова}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      employee: { lastName: "Ержанова", iin: expect.stringMatching(/^\d{12}$/) },
      status: "overdue",
      dueOn: "2025-05-01",
      lastCertificate: { issuedOn: "2023-05-01" },
      revokedCertificate: { number: "ҰБО-2025-0002", reason: "ошибка" },
      consent: "not_joined",
      documents: [{ kind: "certificate", number: "ҰБО-2025-0002", status: "revoked" }],
    });
    const training = await client.get(`${api}/employees/${ids.Данияров}`);
    expect(training.body).toMatchObject({
      status: "up_to_date",
      enrolment: {
        status: "enrolled",
        orderNumber: "47-ө",
        agreementConfirmedAt: "2026-11-20T07:00:00.000Z",
        program: "Защита прав детей: современные подходы",
      },
      enrolments: [{ status: "enrolled", startsOn: "2026-12-01" }],
    });
    const declined = await client.get(`${api}/employees/${ids.Бекова}`);
    expect(declined.body.consent).toBe("declined");
    const logged = await app.deps.db
      .selectFrom("access_log")
      .select(["action", "subject"])
      .where("employee_id", "=", ids.Ержанова ?? 0)
      .where("actor_telegram_id", "=", COORDINATOR.id)
      .orderBy("id")
      .execute();
    expect(logged).toContainEqual({ action: "employee.card", subject: "webapp" });
  });

  it("refuses a bad value with the chat's message and changes nothing", async () => {
    const edit = (field: string, value: string | null) =>
      client.post(`${api}/employees/${ids.Бекова}/field`, { field, value });
    const cases: Array<[string, string | null, string]> = [
      ["phone", "abc", "Неверный номер телефона (например, +7 701 123 45 67)."],
      ["last_name", "Б3кова", "Допустимы только буквы, дефис и пробел (до 60 символов)."],
      ["last_name", "  ", "Фамилия не указана или содержит недопустимые символы."],
      ["previous_certificate_issued_on", "01.01.2027", "Эта дата ещё не наступила."],
      [
        "previous_certificate_issued_on",
        "31.02.2025",
        "Неверная дата: укажите в виде ДД.ММ.ГГГГ (например, 29.04.2025).",
      ],
      ["position", "м".repeat(151), "Слишком длинно: не больше 150 символов."],
    ];
    for (const [field, value, message] of cases) {
      const answer = await edit(field, value);
      expect(answer.status, `${field}=${value}`).toBe(400);
      expect(answer.body.error).toBe(message);
    }
    expect((await edit("iin", "900101300000")).status).toBe(400);
    const card = await client.get(`${api}/employees/${ids.Бекова}`);
    expect(card.body.employee).toMatchObject({
      lastName: "Бекова",
      phone: null,
      previousCertificateOn: "2024-01-10",
    });
  });

  it("saves a good value as the chat does, on record in the audit log", async () => {
    const id = ids.Бекова ?? 0;
    const phone = await client.post(`${api}/employees/${id}/field`, {
      field: "phone",
      value: "8 701 123 45 67",
    });
    expect(phone).toMatchObject({ status: 200, body: { message: "✅ Сохранено." } });
    const erased = await client.post(`${api}/employees/${id}/field`, {
      field: "patronymic",
      value: null,
    });
    expect(erased.status).toBe(200);
    const date = await client.post(`${api}/employees/${id}/field`, {
      field: "previous_certificate_issued_on",
      value: "15.01.2024",
    });
    expect(date.status).toBe(200);
    const card = await client.get(`${api}/employees/${id}`);
    expect(card.body).toMatchObject({
      employee: { phone: "77011234567", patronymic: null, previousCertificateOn: "2024-01-15" },
      dueOn: "2026-01-15",
    });
    const audited = await app.deps.db
      .selectFrom("audit_log")
      .select(["action", "actor_telegram_id"])
      .where("entity", "=", "employee")
      .where("entity_id", "=", String(id))
      .execute();
    expect(audited).toHaveLength(3);
    expect(audited.every((a) => a.action === "employee.update")).toBe(true);
  });

  it("deactivates once; a second press says who did it and when", async () => {
    const path = `${api}/employees/${ids.Зейнуллина}/deactivate`;
    const first = await client.post(path);
    expect(first.body.message).toBe("Работник исключён из активного списка. Запись сохранена.");
    const again = await client.post(path);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(
      "Это уже сделано: Дана, 25.11.2026 10:00. Повторно ничего не изменено.",
    );
    expect(names((await client.get(`${api}/employees`)).body)).not.toContain("Зейнуллина");
  });
});

describe("another district's employee", () => {
  it("gets 403 on every door and nothing of them is said or changed", async () => {
    const answers = [
      await client.get(`${api}/employees/${stranger}`),
      await client.post(`${api}/employees/${stranger}/field`, { field: "phone", value: "abc" }),
      await client.post(`${api}/employees/${stranger}/field`, {
        field: "last_name",
        value: "Своя",
      }),
      await client.post(`${api}/employees/${stranger}/deactivate`),
      await client.post(`${api}/list/add`, { employeeId: stranger }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).not.toMatch(/Чужая|Своя|телефон/);
    }
    const row = await app.deps.db
      .selectFrom("employees")
      .select(["last_name", "active"])
      .where("id", "=", stranger)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ last_name: "Чужая", active: true });
    const logged = await app.deps.db
      .selectFrom("access_log")
      .select("id")
      .where("employee_id", "=", stranger)
      .execute();
    expect(logged).toEqual([]);
    // The other district's own coordinator sees them.
    const theirs = await web.as(OTHER).get(`api/g/d${otherDistrict}/employees/${stranger}`);
    expect(theirs.status).toBe(200);
  });
});

describe("next year's list", () => {
  let entries: Array<{ entryId: number; fullName: string; reason: string }>;

  it("opens the coming year's list, proposed by the rules, with its status and deadline", async () => {
    const answer = await client.get(`${api}/list`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      year: 2027,
      otherYear: 2026,
      status: "draft",
      late: false,
      deadline: "2026-11-01",
      daysLeft: -24,
      editable: true,
      total: 4,
    });
    entries = answer.body.rows as typeof entries;
    expect(entries.map((e) => [e.fullName.split(" ")[0], e.reason])).toEqual([
      ["Ахметова", "never_trained"],
      ["Бекова", "overdue"],
      ["Габдуллина", "due"],
      ["Ержанова", "overdue"],
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/\d{12}/);
    expect((await client.get(`${api}/list?year=2030`)).status).toBe(409);
  });

  it("removes only with a reason, as the chat asks", async () => {
    const bekova = entries.find((e) => e.fullName.startsWith("Бекова"))?.entryId;
    const bare = await client.post(`${api}/list/remove`, {
      year: 2027,
      entryId: bekova,
      reason: " ",
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toBe("Напишите причину исключения из списка.");
    const removed = await client.post(`${api}/list/remove`, {
      year: 2027,
      entryId: bekova,
      reason: "Переведена в другой орган",
    });
    expect(removed.body.message).toBe("✅ Работник исключён из списка.");
    const entry = await app.deps.db
      .selectFrom("list_entries")
      .select(["removed_at", "removal_reason"])
      .where("id", "=", bekova ?? 0)
      .executeTakeFirstOrThrow();
    expect(entry.removal_reason).toBe("Переведена в другой орган");
    const strangers = await web.as(OTHER).get(`api/g/d${otherDistrict}/list`);
    const theirEntry = (strangers.body.rows as typeof entries)[0]?.entryId;
    const foreign = await client.post(`${api}/list/remove`, {
      year: 2027,
      entryId: theirEntry,
      reason: "чужая запись",
    });
    expect(foreign.status).toBe(403);
  });

  it("adds from the register the people on no list yet", async () => {
    const candidates = await client.get(`${api}/list/candidates?year=2027`);
    const rows = candidates.body.rows as Array<{ id: number; lastName: string }>;
    expect(rows.map((r) => r.lastName)).toEqual(["Бекова", "Валиева", "Данияров"]);
    const added = await client.post(`${api}/list/add`, { year: 2027, employeeId: ids.Валиева });
    expect(added.body.message).toBe("✅ Работник добавлен в список.");
    const twice = await client.post(`${api}/list/add`, { year: 2027, employeeId: ids.Валиева });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe("Этот работник уже в списке.");
  });

  it("sends the list to the region, late after 1 November; a second send is already done", async () => {
    const sent = await client.post(`${api}/list/submit`, { year: 2027 });
    expect(sent.status).toBe(200);
    expect(sent.body.message).toBe(
      "📤 Список направлен в областной (городской) орган, в нём 4 человека. Он направлен после 1 ноября, поэтому отмечен как направленный после установленного срока.",
    );
    const again = await client.post(`${api}/list/submit`, { year: 2027 });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(
      "Это уже сделано: Дана, 25.11.2026 10:00. Повторно ничего не изменено.",
    );
    const locked = await client.post(`${api}/list/add`, { year: 2027, employeeId: ids.Данияров });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toBe("Список уже направлен или утверждён, сейчас его менять нельзя.");
    const list = await client.get(`${api}/list?year=2027`);
    expect(list.body).toMatchObject({ status: "submitted", late: true, editable: false, total: 4 });
  });

  it("says who accepted the list when it is sent again after the region's decision", async () => {
    const { db } = app.deps;
    const region = { id: 8303 };
    await grantRole(db, region.id, "regional_coordinator", {
      unitId: await unitId(db, KATO.abaiRegion),
    });
    const list = await db
      .selectFrom("lists")
      .select("id")
      .where("unit_id", "=", district)
      .where("year", "=", 2027)
      .executeTakeFirstOrThrow();
    app.clock.set("2026-11-26T15:30:00+05:00");
    const accepted = await acceptList(db, list.id, region.id, app.deps.clock());
    expect(accepted.ok).toBe(true);
    const again = await client.post(`${api}/list/submit`, { year: 2027 });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(
      "Это уже сделано: User8303, 26.11.2026 15:30. Повторно ничего не изменено.",
    );
    const shown = await client.get(`${api}/list?year=2027`);
    expect(shown.body).toMatchObject({ status: "accepted", editable: false });
  });
});
