// The regional coordinator's tables over HTTP, on the chat's services: the district
// lists board (sent on time or late, accept, return, a second press told who did it),
// the consolidated list filtered by district and reason, approved, then changed only
// by an amendment with a reason; enrolment of many by one order (the places counted
// again at the order, the draft files on record, a double submit "already done", a
// started cohort refused, the employees told in their chats); transfer requests
// approved by their own order or rejected with a reason. Every id of another region
// is answered 403 with nothing of it in the answer.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitList } from "../../bot/services/district-lists.js";
import { enrolByOrder } from "../../bot/services/enrolment.js";
import { openList } from "../../bot/services/lists.js";
import { recordFinalResult } from "../../bot/services/test-results.js";
import { createTransferRequest } from "../../bot/services/transfers.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  districtOf,
  enrol,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { startWebApp, type TestWebApp, type WebClient } from "../support/webapp.js";

const REGIONAL = { id: 8301, first_name: "Гульнар", last_name: "Ахметова", language_code: "ru" };
const OTHER_REGIONAL = { id: 8302, first_name: "Ерлан", language_code: "ru" };
const DISTRICT_COORDINATOR = 8303;

let app: TestBot;
let web: TestWebApp;
let client: WebClient;
let region: number;
let districtA: number;
let districtB: number;
let foreignDistrict: number;
let key: string;
let districtAList: number;
let foreignList: number;
let ownEmployee: number; // the region's own unit, up to date: on no list until added
let foreignEmployee: number;
let lateEmployee: number; // district B's, on the approved list once B's list is taken in
let peopleA: number[];
let providerId: number;

const ru = (text: unknown) => String(text);

beforeAll(async () => {
  app = await startTestBot({ webapp: true });
  web = await startWebApp(app);
  const { db } = app.deps;
  region = await unitId(db, KATO.abaiRegion);
  districtA = await districtOf(db, KATO.abaiRegion, 0);
  districtB = await districtOf(db, KATO.abaiRegion, 1);
  foreignDistrict = await districtOf(db, KATO.akmolaRegion);
  key = `r${region}`;
  await grantRole(db, REGIONAL.id, "regional_coordinator", { unitId: region });
  await grantRole(db, OTHER_REGIONAL.id, "regional_coordinator", {
    unitId: await unitId(db, KATO.akmolaRegion),
  });
  await grantRole(db, DISTRICT_COORDINATOR, "district_coordinator", { unitId: districtA });
  client = web.as(REGIONAL);
  peopleA = [];
  for (const [i, lastName] of ["Абенова", "Бекова", "Жумабаев"].entries())
    peopleA.push(
      await createEmployee(db, {
        unitId: districtA,
        lastName,
        telegramId: 8310 + i,
        position: i === 2 ? "главный специалист" : "бас маман",
      }),
    );
  await createEmployee(db, { unitId: region, lastName: "Областная" });
  ownEmployee = await createEmployee(db, {
    unitId: region,
    lastName: "Свежая",
    previousCertificateOn: "2026-06-01",
  });
  foreignEmployee = await createEmployee(db, { unitId: foreignDistrict, lastName: "Чужая" });
  lateEmployee = await createEmployee(db, {
    unitId: districtB,
    lastName: "Поздняя",
    telegramId: 8320,
  });
  // Everyone has the bot: coordinators and employees can be told.
  for (const id of [REGIONAL.id, OTHER_REGIONAL.id, DISTRICT_COORDINATOR, 8310, 8311, 8312, 8320])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  // District A sends its list on 25 November: after 1 November, so marked late (item 7).
  const now = app.deps.clock();
  const listA = await openList(db, districtA, 2027, "district", DISTRICT_COORDINATOR, now);
  districtAList = listA.id;
  await submitList(db, listA.id, 2027, DISTRICT_COORDINATOR, now);
  const foreign = await openList(db, foreignDistrict, 2027, "district", 1, now);
  await submitList(db, foreign.id, 2027, 1, now);
  foreignList = foreign.id;
  providerId = await createProvider(db);
});
afterAll(async () => {
  await web.close();
  await app.database.close();
});

const api = (path: string) => `api/g/${key}/${path}`;

describe("the district lists board", () => {
  it("shows each district's list with its status, head count and lateness against 1 November", async () => {
    const board = await client.get(api("lists?year=2027"));
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({
      year: 2027,
      districtDeadline: "2026-11-01",
      regionalDeadline: "2026-12-01",
      consolidated: { status: "draft" },
    });
    const rows = board.body.districts as Array<Record<string, unknown>>;
    const a = rows.find((d) => d.unitId === districtA);
    expect(a).toMatchObject({
      list: { status: "submitted", count: 3, late: true, submittedOn: "2026-11-25" },
      overdue: false,
    });
    expect(ru((a?.list as Record<string, unknown> | undefined)?.statusText)).toContain("направлен");
    expect(rows.find((d) => d.unitId === districtB)).toMatchObject({ list: null, overdue: true });
    expect(JSON.stringify(board.body)).not.toContain("Чужая");
  });

  it("refuses a list year out of reach with the chat's text", async () => {
    const answer = await client.get(api("lists?year=2020"));
    expect(answer.status).toBe(409);
    expect(answer.body.error).toContain("закрыт");
  });

  it("shows a district list's people with full IINs before the decision, on record", async () => {
    const answer = await client.get(api(`lists/${districtAList}/entries`));
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as Array<{ fullName: string; iin: string }>;
    expect(rows.map((r) => r.fullName.split(" ")[0])).toEqual(["Абенова", "Бекова", "Жумабаев"]);
    expect(rows[0]?.iin).toMatch(/^\d{12}$/);
    const foreign = await client.get(api(`lists/${foreignList}/entries`));
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).not.toContain("Чужая");
  });

  it("accepts a district's list once; a second press is told who did it and when", async () => {
    const accepted = await client.post(api(`lists/${districtAList}/accept`));
    expect(accepted.status).toBe(200);
    expect(accepted.body.message).toContain("Список принят");
    const again = await client.post(api(`lists/${districtAList}/accept`));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/уже сделано: Гульнар Ахметова, \d\d\.\d\d\.\d{4}/);
    const back = await client.post(api(`lists/${districtAList}/return`), { reason: "Поздно" });
    expect(back.status).toBe(409);
    const audits = await app.deps.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "list.accept")
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("answers a Kazakh-speaking coordinator in Kazakh, the refusal included", async () => {
    const kazakh = { id: 8304, first_name: "Айгерім", language_code: "kk" };
    await grantRole(app.deps.db, kazakh.id, "regional_coordinator", { unitId: region });
    const board = await web.as(kazakh).get(api("lists?year=2027"));
    const a = (
      board.body.districts as Array<{ unitId: number; list: { statusName: string } }>
    ).find((d) => d.unitId === districtA);
    expect(a?.list.statusName).toBe("қабылданды");
    const again = await web.as(kazakh).post(api(`lists/${districtAList}/accept`));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/^Бұл әрекет бұрын орындалған: Гульнар Ахметова/);
  });

  it("asks for the reason of a return in the person's language", async () => {
    const answer = await client.post(api(`lists/${districtAList}/return`), { reason: "  " });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain("причину возврата");
  });

  it("answers 403 for another region's list, and changes nothing of it", async () => {
    for (const action of ["accept", "return", "take-in"]) {
      const answer = await client.post(api(`lists/${foreignList}/${action}`), { reason: "x" });
      expect(answer.status, action).toBe(403);
      expect(JSON.stringify(answer.body)).not.toContain("Чужая");
    }
    expect((await client.get(api(`lists/${foreignList}/file/pdf`))).status).toBe(403);
    const foreign = await app.deps.db
      .selectFrom("lists")
      .select("status")
      .where("id", "=", foreignList)
      .executeTakeFirstOrThrow();
    expect(foreign.status).toBe("submitted");
  });

  it("sends a district's list as a file, on record", async () => {
    const file = await client.get(api(`lists/${districtAList}/file/xlsx`));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(".xlsx");
    const logged = await app.deps.db
      .selectFrom("access_log")
      .select("subject")
      .where("action", "=", "list.download")
      .execute();
    expect(logged).toEqual([{ subject: `list:${districtAList}:xlsx` }]);
  });
});

describe("the consolidated list", () => {
  it("is filtered by district and by reason, with full IINs on record", async () => {
    const all = await client.get(api("consolidated?year=2027"));
    expect(all.status).toBe(200);
    const names = (all.body.rows as Array<{ fullName: string }>).map((r) => r.fullName);
    expect(names.some((n) => n.startsWith("Абенова"))).toBe(true);
    expect(names.some((n) => n.startsWith("Областная"))).toBe(true);
    expect(names.some((n) => n.startsWith("Свежая"))).toBe(false);
    const onlyA = await client.get(api(`consolidated?year=2027&district=${districtA}`));
    const rowsA = onlyA.body.rows as Array<{ fullName: string; iin: string; reasonText: string }>;
    expect(rowsA.map((r) => r.fullName.split(" ")[0])).toEqual(["Абенова", "Бекова", "Жумабаев"]);
    expect(rowsA[0]?.iin).toMatch(/^\d{12}$/);
    expect(rowsA[0]?.reasonText).toBe("нет сведений о прохождении");
    const byReason = await client.get(api("consolidated?year=2027&reason=overdue"));
    expect(byReason.body.total).toBe(0);
    const logged = await app.deps.db
      .selectFrom("access_log")
      .select(["employee_id"])
      .where("action", "=", "employee.iin")
      .where("actor_telegram_id", "=", REGIONAL.id)
      .execute();
    expect(logged.length).toBeGreaterThanOrEqual(names.length + 3);
  });

  it("answers 403 for another region's district, leaking nothing", async () => {
    const answer = await client.get(api(`consolidated?year=2027&district=${foreignDistrict}`));
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).not.toContain("Чужая");
  });

  it("is approved once; a second approval is told who approved it", async () => {
    const approved = await client.post(api("consolidated/approve"), { year: 2027 });
    expect(approved.status).toBe(200);
    expect(approved.body.message).toContain("Сводный список утверждён");
    expect(approved.body.message).toContain("ещё не приняты");
    const again = await client.post(api("consolidated/approve"), { year: 2027 });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain("уже сделано: Гульнар Ахметова");
  });

  it("changes after approval only by an amendment with its reason", async () => {
    const noReason = await client.post(api("consolidated/add"), {
      year: 2027,
      employeeId: ownEmployee,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toContain("причину добавления");
    const added = await client.post(api("consolidated/add"), {
      year: 2027,
      employeeId: ownEmployee,
      reason: "Назначена на должность",
    });
    expect(added.status).toBe(200);
    expect(added.body.message).toContain("внесено изменение");
    const twice = await client.post(api("consolidated/add"), {
      year: 2027,
      employeeId: ownEmployee,
      reason: "Ещё раз",
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toContain("уже в списке");
    const list = await client.get(api("consolidated?year=2027"));
    expect(list.body.amendments).toEqual([
      expect.objectContaining({ kind: "add", reason: "Назначена на должность" }),
    ]);
    const entry = (list.body.rows as Array<{ entryId: number; fullName: string }>).find((r) =>
      r.fullName.startsWith("Областная"),
    );
    const removed = await client.post(api("consolidated/remove"), {
      year: 2027,
      entryId: entry?.entryId,
      reason: "Уволена",
    });
    expect(removed.status).toBe(200);
    const removedAgain = await client.post(api("consolidated/remove"), {
      year: 2027,
      entryId: entry?.entryId,
      reason: "Уволена",
    });
    expect(removedAgain.status).toBe(403);
  });

  it("refuses another region's employee or entry with 403", async () => {
    const add = await client.post(api("consolidated/add"), {
      year: 2027,
      employeeId: foreignEmployee,
      reason: "x",
    });
    expect(add.status).toBe(403);
    const foreignEntry = await app.deps.db
      .selectFrom("list_entries")
      .select("id")
      .where("list_id", "=", foreignList)
      .executeTakeFirstOrThrow();
    const remove = await client.post(api("consolidated/remove"), {
      year: 2027,
      entryId: foreignEntry.id,
      reason: "x",
    });
    expect(remove.status).toBe(403);
    expect(JSON.stringify(remove.body)).not.toContain("Чужая");
  });

  it("takes in a district list accepted after approval, once, with a reason", async () => {
    const { db } = app.deps;
    // A day after the approval.
    app.clock.set("2026-11-26T10:00:00+05:00");
    const now = app.deps.clock();
    const listB = await openList(db, districtB, 2027, "district", DISTRICT_COORDINATOR, now);
    await submitList(db, listB.id, 2027, DISTRICT_COORDINATOR, now);
    const accepted = await client.post(api(`lists/${listB.id}/accept`));
    expect(accepted.body).toMatchObject({ waitsTakeIn: true });
    expect(accepted.body.message).toContain("уже утверждён");
    const board = await client.get(api("lists?year=2027"));
    const b = (board.body.districts as Array<{ unitId: number; list: unknown }>).find(
      (d) => d.unitId === districtB,
    );
    expect(b?.list).toMatchObject({ waitsTakeIn: true, status: "accepted" });
    const noReason = await client.post(api(`lists/${listB.id}/take-in`), {});
    expect(noReason.status).toBe(400);
    const taken = await client.post(api(`lists/${listB.id}/take-in`), { reason: "Поздний район" });
    expect(taken.status).toBe(200);
    expect(taken.body.message).toContain("добавлено работников — 1");
    const again = await client.post(api(`lists/${listB.id}/take-in`), { reason: "Поздний район" });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain("уже сделано");
    await app.drainOutbox();
    expect(app.sim.user({ id: 8320 }).texts().join("\n")).toContain(
      "Вы включены в утверждённый сводный список",
    );
  });
});

describe("enrolment by order", () => {
  let cohort: number;
  let small: number;
  let started: number;

  beforeAll(async () => {
    const { db } = app.deps;
    cohort = await createCohort(db, {
      providerId,
      startsOn: "2027-02-01",
      endsOn: "2027-02-12",
      capacity: 10,
    });
    small = await createCohort(db, {
      providerId,
      startsOn: "2027-03-01",
      endsOn: "2027-03-12",
      capacity: 3,
    });
    started = await createCohort(db, {
      providerId,
      startsOn: "2026-11-20",
      endsOn: "2027-01-20",
    });
  });

  it("offers only the cohorts that still take people", async () => {
    const answer = await client.get(api("enrol/cohorts"));
    const ids = (answer.body.rows as Array<{ id: number }>).map((r) => r.id);
    expect(ids).toContain(cohort);
    expect(ids).not.toContain(started);
  });

  it("lists the approved list's people not sent yet, filtered by district, due date and position", async () => {
    const all = await client.get(api(`enrol/cohorts/${cohort}/people`));
    expect(all.status).toBe(200);
    expect(all.body.placesLeft).toBe(10);
    const names = (all.body.rows as Array<{ fullName: string }>).map((r) => r.fullName);
    expect(names.map((n) => n.split(" ")[0])).toEqual([
      "Абенова",
      "Бекова",
      "Жумабаев",
      "Поздняя",
      "Свежая",
    ]);
    const inA = await client.get(api(`enrol/cohorts/${cohort}/people?district=${districtA}`));
    expect(inA.body.total).toBe(3);
    const never = await client.get(api(`enrol/cohorts/${cohort}/people?due=never`));
    expect(never.body.total).toBe(4);
    const byPosition = await client.get(api(`enrol/cohorts/${cohort}/people?position=ГЛАВНЫЙ`));
    expect((byPosition.body.rows as Array<{ fullName: string }>).map((r) => r.fullName)).toEqual([
      expect.stringMatching(/^Жумабаев/),
    ]);
    const foreign = await client.get(
      api(`enrol/cohorts/${cohort}/people?district=${foreignDistrict}`),
    );
    expect(foreign.status).toBe(403);
  });

  it("makes the order's draft for the people ticked, as DOCX and PDF, each download on record", async () => {
    const docx = await client.get(
      api(`enrol/cohorts/${cohort}/draft/docx?ids=${peopleA.join(",")}&lang=ru`),
    );
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(docx.bytes);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("ПРИКАЗЫВАЮ");
    expect(xml).toContain("Абенова");
    const pdf = await client.get(api(`enrol/cohorts/${cohort}/draft/pdf?ids=${peopleA[0]}`));
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");
    const logged = await app.deps.db
      .selectFrom("access_log")
      .select(["employee_id", "subject"])
      .where("action", "=", "document.download")
      .execute();
    expect(logged).toHaveLength(4);
    expect(logged[0]?.subject).toBe(`head_order_draft:${cohort}:docx`);
    const foreign = await client.get(
      api(`enrol/cohorts/${cohort}/draft/docx?ids=${peopleA[0]},${foreignEmployee}`),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.bytes.length).toBeLessThan(200);
  });

  it("counts the places again at the order: places taken meanwhile are refused as in the chat", async () => {
    const shown = await client.get(api(`enrol/cohorts/${small}/people`));
    expect(shown.body.placesLeft).toBe(3);
    // Meanwhile another order takes two of the three places.
    const other = await enrolByOrder(app.deps.db, {
      regionId: region,
      cohortId: small,
      employeeIds: [ownEmployee, peopleA[2] as number],
      orderNumber: "1-ө",
      orderDate: "2026-11-25",
      actor: OTHER_REGIONAL.id,
      now: app.deps.clock(),
    });
    expect(other.ok).toBe(true);
    const refusedOrder = await client.post(api(`enrol/cohorts/${small}/order`), {
      employeeIds: peopleA.slice(0, 2),
      orderNumber: "2-ө",
      orderDate: "2026-11-25",
    });
    expect(refusedOrder.status).toBe(409);
    expect(refusedOrder.body.error).toBe(
      "Не хватает мест: свободно 1. Выберите меньше работников.",
    );
    const after = await client.get(api(`enrol/cohorts/${small}/people`));
    expect(after.body.placesLeft).toBe(1);
  });

  it("enrols everyone ticked by one order, tells them in their chats; a double submit is 'already done'", async () => {
    const body = {
      employeeIds: peopleA.slice(0, 2),
      orderNumber: "15-ө",
      orderDate: "25.11.2026",
    };
    const done = await client.post(api(`enrol/cohorts/${cohort}/order`), body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ enrolled: 2, alreadyEnrolled: 0 });
    expect(done.body.message).toContain("Направлено на обучение: 2 (приказ № 15-ө от 25.11.2026)");
    const again = await client.post(api(`enrol/cohorts/${cohort}/order`), body);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/^Это уже сделано: Гульнар Ахметова, 26\.11\.2026 \d\d:\d\d/);
    const enrolments = await app.deps.db
      .selectFrom("enrolments")
      .select("id")
      .where("cohort_id", "=", cohort)
      .execute();
    expect(enrolments).toHaveLength(2);
    const orders = await app.deps.db
      .selectFrom("head_orders")
      .select("number")
      .where("cohort_id", "=", cohort)
      .execute();
    expect(orders).toEqual([{ number: "15-ө" }]);
    await app.drainOutbox();
    for (const id of [8310, 8311])
      expect(app.sim.user({ id }).texts().join("\n")).toContain(
        "Вы направлены на повышение квалификации (приказ № 15-ө от 25.11.2026)",
      );
  });

  it("carries out two identical orders sent at once (a double click) once: the other is 'already done'", async () => {
    const parallel = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2027-04-01",
      endsOn: "2027-04-12",
    });
    const body = { employeeIds: [lateEmployee], orderNumber: "20-ө", orderDate: "2026-11-26" };
    const answers = await Promise.all([
      client.post(api(`enrol/cohorts/${parallel}/order`), body),
      client.post(api(`enrol/cohorts/${parallel}/order`), body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error).toContain("уже сделано");
    const orders = await app.deps.db
      .selectFrom("head_orders")
      .select("id")
      .where("cohort_id", "=", parallel)
      .execute();
    expect(orders).toHaveLength(1);
  });

  it("refuses a started cohort with the rule's text, and bad input with a clear message", async () => {
    const order = await client.post(api(`enrol/cohorts/${started}/order`), {
      employeeIds: [peopleA[0]],
      orderNumber: "16-ө",
      orderDate: "2026-11-19",
    });
    expect(order.status).toBe(409);
    expect(order.body.error).toContain("Обучение в этом потоке началось 20.11.2026");
    expect((await client.get(api(`enrol/cohorts/${started}/people`))).status).toBe(409);
    const noNumber = await client.post(api(`enrol/cohorts/${cohort}/order`), {
      employeeIds: [peopleA[0]],
      orderDate: "2026-11-25",
    });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.error).toContain("номер приказа");
    const badDate = await client.post(api(`enrol/cohorts/${cohort}/order`), {
      employeeIds: [peopleA[0]],
      orderNumber: "17",
      orderDate: "31.02.2026",
    });
    expect(badDate.status).toBe(400);
    const future = await client.post(api(`enrol/cohorts/${cohort}/order`), {
      employeeIds: [peopleA[0]],
      orderNumber: "17",
      orderDate: "2026-12-25",
    });
    expect(future.status).toBe(409);
    expect(future.body.error).toContain("Дата приказа ещё не наступила");
  });

  it("answers 403 for another region's employees in an order, enrolling nobody", async () => {
    const answer = await client.post(api(`enrol/cohorts/${cohort}/order`), {
      employeeIds: [peopleA[2], foreignEmployee],
      orderNumber: "18",
      orderDate: "2026-11-25",
    });
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).not.toContain("Чужая");
    const foreign = await app.deps.db
      .selectFrom("enrolments")
      .select("id")
      .where("employee_id", "=", foreignEmployee)
      .execute();
    expect(foreign).toEqual([]);
  });

  it("answers 403 to a regional coordinator on another region's grant key", async () => {
    const other = web.as(OTHER_REGIONAL);
    for (const path of ["lists", "consolidated", "enrol/cohorts", "transfers"])
      expect((await other.get(api(path))).status, path).toBe(403);
    expect(
      (
        await other.post(api(`enrol/cohorts/${cohort}/order`), {
          employeeIds: [peopleA[2]],
          orderNumber: "x",
          orderDate: "2026-11-25",
        })
      ).status,
    ).toBe(403);
  });
});

describe("transfer requests", () => {
  let running: number;
  let target: number;
  const requests: number[] = [];
  const enrolments: number[] = [];
  let foreignRequest: number;

  beforeAll(async () => {
    const { db } = app.deps;
    app.clock.set("2027-03-03T10:00:00+05:00");
    running = await createCohort(db, { providerId, startsOn: "2027-03-01", endsOn: "2027-03-12" });
    target = await createCohort(db, { providerId, startsOn: "2027-03-22", endsOn: "2027-04-02" });
    const ask = async (unit: number, lastName: string) => {
      const employeeId = await createEmployee(db, { unitId: unit, lastName });
      enrolments.push(await enrol(db, employeeId, running));
      const made = await createTransferRequest(db, {
        employeeId,
        reason: "illness",
        comment: "Справка из поликлиники",
        evidence: null,
        targetCohortId: target,
        actor: 1,
        now: app.deps.clock(),
      });
      if (!made.ok) throw new Error(`no request: ${made.reason}`);
      return made.requestId;
    };
    requests.push(await ask(districtA, "Переводова"), await ask(districtB, "Отказова"));
    foreignRequest = await ask(foreignDistrict, "Чужая");
    requests.push(await ask(districtA, "Закрытова"));
  });

  it("shows the region's pending requests with their details", async () => {
    const answer = await client.get(api("transfers"));
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual(requests);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      reasonText: "🤒 Болезнь",
      comment: "Справка из поликлиники",
      targetCohortId: target,
      startsOn: "2027-03-01",
    });
    expect(JSON.stringify(answer.body)).not.toContain("Чужая");
    const targets = await client.get(api(`transfers/${requests[0]}/targets`));
    expect((targets.body.rows as Array<{ id: number }>).map((r) => r.id)).toContain(target);
  });

  it("approves into the target by the transfer's own order, once", async () => {
    const draft = await client.get(api(`transfers/${requests[0]}/draft/docx?cohort=${target}`));
    expect(draft.status).toBe(200);
    const noNumber = await client.post(api(`transfers/${requests[0]}/approve`), {
      cohortId: target,
      orderDate: "2027-03-03",
    });
    expect(noNumber.status).toBe(400);
    const tooEarly = await client.post(api(`transfers/${requests[0]}/approve`), {
      cohortId: target,
      orderNumber: "31-ө",
      orderDate: "2027-03-01",
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error).toContain("не может быть раньше заявления (03.03.2027)");
    const body = { cohortId: target, orderNumber: "31-ө", orderDate: "2027-03-03" };
    const approved = await client.post(api(`transfers/${requests[0]}/approve`), body);
    expect(approved.status).toBe(200);
    expect(approved.body.message).toContain("удовлетворено");
    const again = await client.post(api(`transfers/${requests[0]}/approve`), body);
    expect(again.status).toBe(409);
    expect(again.body.error).toContain("уже сделано: Гульнар Ахметова");
    const moved = await app.deps.db
      .selectFrom("enrolments")
      .select("order_number")
      .where("cohort_id", "=", target)
      .execute();
    expect(moved).toEqual([{ order_number: "31-ө" }]);
  });

  it("rejects with a reason, once", async () => {
    const noReason = await client.post(api(`transfers/${requests[1]}/reject`), { reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toContain("причину");
    const tooLong = await client.post(api(`transfers/${requests[1]}/reject`), {
      reason: "а".repeat(501),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toContain("500");
    // Cleaned as the chat cleans what people type: no invisible characters, single spaces.
    const rejected = await client.post(api(`transfers/${requests[1]}/reject`), {
      reason: "  Нет\u202E   подтверждения ",
    });
    expect(rejected.status).toBe(200);
    const stored = await app.deps.db
      .selectFrom("transfer_requests")
      .select("decision_reason")
      .where("id", "=", requests[1] as number)
      .executeTakeFirstOrThrow();
    expect(stored.decision_reason).toBe("Нет подтверждения");
    const again = await client.post(api(`transfers/${requests[1]}/reject`), { reason: "x" });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain("уже сделано");
  });

  it("answers 403 for another region's request on every route, deciding nothing", async () => {
    const answers = [
      await client.get(api(`transfers/${foreignRequest}/targets`)),
      await client.get(api(`transfers/${foreignRequest}/draft/pdf?cohort=${target}`)),
      await client.post(api(`transfers/${foreignRequest}/approve`), {
        cohortId: target,
        orderNumber: "1",
        orderDate: "2027-03-03",
      }),
      await client.post(api(`transfers/${foreignRequest}/reject`), { reason: "x" }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).not.toContain("Чужая");
    }
    const request = await app.deps.db
      .selectFrom("transfer_requests")
      .select("status")
      .where("id", "=", foreignRequest)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe("pending");
  });

  it("answers a request closed by a recorded result with that result, as the chat does", async () => {
    // The cohort ends; its organization records the final test, which closes the request.
    app.clock.set("2027-03-13T10:00:00+05:00");
    const recorded = await recordFinalResult(app.deps.db, {
      providerId,
      enrolmentId: enrolments[3] as number,
      passed: true,
      takenOn: "2027-03-12",
      actor: DISTRICT_COORDINATOR,
      now: app.deps.clock(),
    });
    expect(recorded.ok).toBe(true);
    const answer = await client.post(api(`transfers/${requests[2]}/approve`), {
      cohortId: target,
      orderNumber: "40-ө",
      orderDate: "2027-03-13",
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toContain(
      `Заявление № ${requests[2]} закрыто 13.03.2027 10:00, потому что по этому обучению записан результат: итоговое тестирование 12.03.2027 — пройдено.`,
    );
  });
});
