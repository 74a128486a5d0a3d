// The coordinators' Mini App lets in only what Telegram signed: no, forged or old init
// data gets 401 and nothing is read or written; a grant the person does not hold, or a
// role revoked a moment ago, gets 403. The menu carries the app's button only when
// WEBAPP_URL is set, and only for coordinators and admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInitData } from "../../bot/webapp/init-data.js";
import { createEmployee, districtOf, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, TEST_WEBAPP_URL, type TestBot } from "../support/harness.js";
import { startWebApp, type TestWebApp } from "../support/webapp.js";

const COORDINATOR = { id: 8101, first_name: "Дана", language_code: "ru" };
const OTHER_COORDINATOR = { id: 8102, first_name: "Ерлан" };
const EMPLOYEE = { id: 8103, first_name: "Айжан" };
const STRANGER = { id: 8199, first_name: "Кто-то" };

let app: TestBot;
let web: TestWebApp;
let district: number;
let otherDistrict: number;

beforeAll(async () => {
  app = await startTestBot({ webapp: true });
  web = await startWebApp(app);
  const { db } = app.deps;
  district = await unitId(db, KATO.abaiDistrict);
  otherDistrict = await districtOf(db, KATO.akmolaRegion);
  await grantRole(db, COORDINATOR.id, "district_coordinator", { unitId: district });
  await grantRole(db, OTHER_COORDINATOR.id, "district_coordinator", { unitId: otherDistrict });
  await createEmployee(db, { unitId: district, lastName: "Абаева", telegramId: EMPLOYEE.id });
  await createEmployee(db, { unitId: otherDistrict, lastName: "Чужая" });
});
afterAll(async () => {
  await web.close();
  await app.database.close();
});

const knownUsers = async () =>
  (await app.deps.db.selectFrom("telegram_users").select("telegram_id").execute()).length;

describe("the Mini App's door", () => {
  it("serves the page with a strict content policy and the libraries from node_modules", async () => {
    const page = await fetch(`${web.origin}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
    expect(await page.text()).toContain('"preact":"./vendor/preact.mjs"');
    for (const lib of ["preact.mjs", "hooks.mjs", "htm.mjs"]) {
      const module = await fetch(`${web.origin}/app/vendor/${lib}`);
      expect(module.status, lib).toBe(200);
      expect(module.headers.get("content-type")).toMatch(/javascript/);
    }
    expect((await fetch(`${web.origin}/app/../package.json`)).status).toBe(404);
    expect((await fetch(`${web.origin}/app/vendor/..%2Fpackage.json`)).status).toBe(404);
  });

  it("refuses missing, forged and old init data with 401, reading and writing nothing", async () => {
    const before = await knownUsers();
    const token = app.deps.config.botToken;
    const forgedToken = token.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const hourAndMinuteAgo = new Date(Date.now() - 61 * 60_000);
    const attempts = [
      web.withInitData(""),
      web.withInitData("user=%7B%22id%22%3A8101%7D&auth_date=1&hash=00"),
      web.withInitData(signInitData(STRANGER, forgedToken, new Date())),
      web.as(STRANGER, hourAndMinuteAgo),
    ];
    for (const client of attempts) {
      expect((await client.get("api/me")).status).toBe(401);
      expect((await client.get(`api/g/d${district}/employees`)).status).toBe(401);
    }
    expect(await knownUsers()).toBe(before);
  });

  it("tells a coordinator their roles in their language, with the page's texts", async () => {
    const me = await web.as(COORDINATOR).get("api/me");
    expect(me.status).toBe(200);
    expect(me.body.language).toBe("ru");
    expect(me.body.grants).toEqual([
      { key: `d${district}`, role: "district_coordinator", scope: expect.any(String) },
    ]);
    expect(JSON.stringify(me.body.texts)).toContain("Реестр сотрудников");
  });

  it("gives an employee no tables: their part is in the chat", async () => {
    const me = await web.as(EMPLOYEE).get("api/me");
    expect(me.body.grants).toEqual([]);
    expect((await web.as(EMPLOYEE).get("api/g/e/employees")).status).toBe(403);
  });

  it("answers 403 for another district's grant, and nothing of it is shown", async () => {
    const answer = await web.as(COORDINATOR).get(`api/g/d${otherDistrict}/employees`);
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).not.toContain("Чужая");
  });

  it("shows full IINs to the coordinator in scope and writes each to the access log", async () => {
    const answer = await web.as(COORDINATOR).get(`api/g/d${district}/employees`);
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as Array<{ iin: string; lastName: string }>;
    expect(rows.map((r) => r.lastName)).toEqual(["Абаева"]);
    expect(rows[0]?.iin).toMatch(/^\d{12}$/);
    const logged = await app.deps.db
      .selectFrom("access_log")
      .selectAll()
      .where("actor_telegram_id", "=", COORDINATOR.id)
      .execute();
    expect(logged).toEqual([
      expect.objectContaining({ action: "employee.iin", subject: "webapp" }),
    ]);
  });

  it("stops at once when the role is revoked", async () => {
    const client = web.as(OTHER_COORDINATOR);
    expect((await client.get(`api/g/d${otherDistrict}/employees`)).status).toBe(200);
    await app.deps.db
      .updateTable("memberships")
      .set({ revoked_at: new Date() })
      .where("telegram_user_id", "=", OTHER_COORDINATOR.id)
      .execute();
    expect((await client.get(`api/g/d${otherDistrict}/employees`)).status).toBe(403);
  });

  it("refuses a forged or tampered download link", async () => {
    const link = await web.as(COORDINATOR).post("api/link", { path: `g/d${district}/employees` });
    const url = String(link.body.url);
    expect(url).toMatch(/^\/app\/download\//);
    const tampered = url.replace(/download\/(.)/, (_, c) => `download/${c === "e" ? "f" : "e"}`);
    expect((await fetch(`${web.origin}${tampered}`)).status).toBe(401);
    // Not a file route: the link is honest, but nothing to download there.
    expect((await fetch(`${web.origin}${url}`)).status).toBe(404);
    // Following a link reads the person; it does not rewrite their Telegram name.
    const record = await app.deps.db
      .selectFrom("telegram_users")
      .select("first_name")
      .where("telegram_id", "=", COORDINATOR.id)
      .executeTakeFirstOrThrow();
    expect(record.first_name).toBe("Дана");
  });
});

describe("the menu's button", () => {
  it("opens the tables on the coordinator's role, and employees get none", async () => {
    const coordinator = app.sim.user(COORDINATOR);
    await coordinator.command("menu");
    const buttons = coordinator.lastMessage.reply_markup;
    const flat = buttons && "inline_keyboard" in buttons ? buttons.inline_keyboard.flat() : [];
    const tables = flat.find((b) => "web_app" in b);
    expect(tables).toMatchObject({
      text: "🗂 Открыть таблицы",
      web_app: { url: `${TEST_WEBAPP_URL}?grant=d${district}` },
    });
    const employee = app.sim.user(EMPLOYEE);
    await employee.command("menu");
    const employeeMarkup = employee.lastMessage.reply_markup;
    const employeeButtons =
      employeeMarkup && "inline_keyboard" in employeeMarkup
        ? employeeMarkup.inline_keyboard.flat()
        : [];
    expect(employeeButtons.some((b) => "web_app" in b)).toBe(false);
  });

  it("is not there without WEBAPP_URL", async () => {
    const plain = await startTestBot({ database: app.database });
    expect(plain.deps.config.webapp).toBeUndefined();
    const coordinator = plain.sim.user(COORDINATOR);
    await coordinator.command("menu");
    const markup = coordinator.lastMessage.reply_markup;
    const flat = markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat() : [];
    expect(flat.length).toBeGreaterThan(3);
    expect(flat.some((b) => "web_app" in b)).toBe(false);
  });
});
