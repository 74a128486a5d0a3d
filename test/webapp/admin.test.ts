// The admin's tables over HTTP, on a clock set to 25 November 2026 (Almaty): the
// national overview, each region with its districts added up as the chat's overview
// counts them, the chat's chart as an image, and the access log filtered by period,
// employee and actor, paged. Nobody else reaches them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nationalOverview } from "../../bot/services/overview.js";
import { createEmployee, districtOf, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { startWebApp, type TestWebApp, type WebClient } from "../support/webapp.js";

const ADMIN = { id: 8401, first_name: "Әсем", language_code: "ru" };
const COORDINATOR = { id: 8402, first_name: "Дана", language_code: "ru" };

let app: TestBot;
let web: TestWebApp;
let admin: WebClient;
let district: number;
let bekova: number;
let abaiRegion: number;
let akmolaRegion: number;

interface LogRow {
  at: string;
  action: string;
  actionText: string;
  actorId: number;
  actorName: string;
  employee: { id: number; name: string } | null;
}

beforeAll(async () => {
  app = await startTestBot({ webapp: true, admins: [ADMIN.id] });
  app.clock.set("2026-11-25T10:00:00+05:00");
  web = await startWebApp(app);
  admin = web.as(ADMIN);
  const { db } = app.deps;
  district = await unitId(db, KATO.abaiDistrict);
  abaiRegion = await unitId(db, KATO.abaiRegion);
  akmolaRegion = await unitId(db, KATO.akmolaRegion);
  await grantRole(db, COORDINATOR.id, "district_coordinator", { unitId: district });
  await createEmployee(db, { unitId: district, lastName: "Ахметова" });
  bekova = await createEmployee(db, {
    unitId: district,
    lastName: "Бекова",
    firstName: "Айгүл",
    patronymic: "Нұрланқызы",
    previousCertificateOn: "2024-01-10",
  });
  // The region's own staff count with its districts.
  await createEmployee(db, { unitId: abaiRegion, previousCertificateOn: "2026-02-01" });
  await createEmployee(db, {
    unitId: await districtOf(db, KATO.akmolaRegion),
    previousCertificateOn: "2024-12-15",
  });
  // An old read, outside the last 7 and 30 days.
  await db
    .insertInto("access_log")
    .values({
      actor_telegram_id: COORDINATOR.id,
      action: "list.download",
      subject: "list:1",
      at: new Date("2026-09-01T12:00:00+05:00"),
    })
    .execute();
});

afterAll(async () => {
  await web.close();
  await app.database.close();
});

describe("the national overview", () => {
  it("lists every region with its counts, as the chat's overview does", async () => {
    const answer = await admin.get("api/g/a/overview");
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as Array<{ unitId: number; name: string; counts: unknown }>;
    expect(rows).toHaveLength(20);
    const chat = await nationalOverview(app.deps.db, app.deps.clock());
    expect(rows.map((r) => r.unitId)).toEqual(chat.map((l) => l.unitId));
    expect(rows.find((r) => r.unitId === abaiRegion)).toMatchObject({
      name: expect.stringContaining("Абай"),
      counts: { overdue: 1, neverTrained: 1, upToDate: 1, dueThisYear: 0, total: 3 },
    });
    expect(rows.find((r) => r.unitId === akmolaRegion)?.counts).toMatchObject({
      dueThisYear: 1,
      total: 1,
    });
    expect(answer.body.total).toEqual({
      upToDate: 1,
      dueThisYear: 1,
      overdue: 1,
      neverTrained: 1,
      total: 4,
    });
  });

  it("serves the chat's chart as a PNG", async () => {
    const chart = await admin.get("api/g/a/overview.png");
    expect(chart.status).toBe(200);
    expect(chart.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(chart.bytes.subarray(0, 8)).toString("hex")).toBe("89504e470d0a1a0a");
    expect(chart.bytes.length).toBeGreaterThan(5000);
  });
});

describe("the access log", () => {
  beforeAll(async () => {
    const coordinator = web.as(COORDINATOR);
    await coordinator.get(`api/g/d${district}/employees`);
    await coordinator.get(`api/g/d${district}/employees/${bekova}`);
  });

  const log = async (query: string) => {
    const answer = await admin.get(`api/g/a/access-log${query}`);
    expect(answer.status, query).toBe(200);
    return answer.body as { total: number; rows: LogRow[]; page: number };
  };

  it("shows the last 7 days by default, newest first, in the chat's words", async () => {
    const week = await log("");
    // Two IINs in the register, then the card: opened, and its IIN.
    expect(week.total).toBe(4);
    expect(week.rows.find((r) => r.action === "employee.card")).toMatchObject({
      action: "employee.card",
      actionText: "открыта карточка: Бекова А. Н.",
      actorId: COORDINATOR.id,
      actorName: "Дана",
      employee: { id: bekova, name: "Бекова А. Н." },
    });
    expect(week.rows.map((r) => r.action).sort()).toEqual([
      "employee.card",
      "employee.iin",
      "employee.iin",
      "employee.iin",
    ]);
    expect((await log("?period=30")).total).toBe(4);
    const all = await log("?period=all");
    expect(all.total).toBe(5);
    expect(all.rows.at(-1)).toMatchObject({
      action: "list.download",
      actionText: "выгружен список (list:1)",
      employee: null,
    });
  });

  it("filters by a period of days, an employee and an actor, together", async () => {
    expect((await log("?period=custom&from=2026-11-25&to=2026-11-25")).total).toBe(4);
    expect((await log("?period=custom&from=2026-08-01&to=2026-09-01")).total).toBe(1);
    expect((await log("?period=custom&from=2026-09-02&to=2026-11-24")).total).toBe(0);
    expect((await log("?period=custom&to=2026-11-24")).total).toBe(1);
    const about = await log(`?period=all&employee=${bekova}`);
    expect(about.total).toBe(3);
    expect(about.rows.every((r) => r.employee?.id === bekova)).toBe(true);
    expect((await log(`?period=all&actor=${COORDINATOR.id}`)).total).toBe(5);
    expect((await log(`?period=all&actor=${ADMIN.id}`)).total).toBe(0);
    expect((await log(`?period=7&actor=${COORDINATOR.id}&employee=${bekova}`)).total).toBe(3);
  });

  it("pages, the last page when asked past it", async () => {
    const first = await log("?period=all&size=2");
    const third = await log("?period=all&size=2&page=2");
    expect(first.rows).toHaveLength(2);
    expect(third.rows).toHaveLength(1);
    expect(third.rows[0]?.action).toBe("list.download");
    const past = await log("?period=all&size=2&page=7");
    expect(past.page).toBe(2);
  });

  it("finds employees by IIN or surname for the filter", async () => {
    const found = await admin.get("api/g/a/employees?search=бек");
    expect(found.body.rows).toEqual([{ id: bekova, name: "Бекова А. Н." }]);
  });

  it("refuses what it cannot read", async () => {
    expect((await admin.get("api/g/a/access-log?period=year")).status).toBe(400);
    expect(
      (await admin.get("api/g/a/access-log?period=custom&from=2026-11-25&to=2026-11-01")).status,
    ).toBe(400);
    expect((await admin.get("api/g/a/access-log?employee=x")).status).toBe(400);
  });
});

describe("a coordinator", () => {
  it("reaches none of the admin's tables", async () => {
    const coordinator = web.as(COORDINATOR);
    for (const path of ["overview", "overview.png", "access-log", "employees?search=бек"]) {
      const answer = await coordinator.get(`api/g/a/${path}`);
      expect(answer.status, path).toBe(403);
    }
  });
});
