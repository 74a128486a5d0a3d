// The coordinators' tables in Chromium at phone width: the district register with
// full IINs, a search by surname, the overdue filter and an employee's card opened
// from it; the admin's national overview table with its chart.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmployee, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { chromiumAvailable, launchChromium, openTables } from "../support/tables-browser.js";
import { startWebApp, type TestWebApp } from "../support/webapp.js";

const COORDINATOR = { id: 8201, first_name: "Дана", language_code: "ru" };
const ADMIN = { id: 8202, first_name: "Әсем", language_code: "ru" };

let app: TestBot;
let web: TestWebApp;
let browser: Browser;
let district: number;
let overdue: number;

describe.runIf(chromiumAvailable())("the tables in a browser", () => {
  beforeAll(async () => {
    app = await startTestBot({ webapp: true, admins: [ADMIN.id] });
    app.clock.set("2026-11-25T10:00:00+05:00");
    web = await startWebApp(app);
    browser = await launchChromium();
    district = await unitId(app.deps.db, KATO.abaiDistrict);
    await grantRole(app.deps.db, COORDINATOR.id, "district_coordinator", { unitId: district });
    await createEmployee(app.deps.db, { unitId: district, lastName: "Абаева" });
    // Due 10.01.2026: overdue on 25.11.2026.
    overdue = await createEmployee(app.deps.db, {
      unitId: district,
      lastName: "Бекова",
      previousCertificateOn: "2024-01-10",
    });
    await createEmployee(app.deps.db, {
      unitId: district,
      lastName: "Жумабаев",
      previousCertificateOn: "2025-06-01",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await app?.database.close();
  });

  it("lists the unit's employees with full IINs and finds one by surname", async () => {
    const page = await openTables(browser, app, web, COORDINATOR, `d${district}`);
    await page.getByRole("heading", { name: "Реестр сотрудников" }).waitFor();
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toMatch(/Абаева.*\d{12}/);
    await page.getByPlaceholder("Фамилия или ИИН").fill("Бек");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Бекова");
    await page.close();
  });

  it("shows a district coordinator the overdue, and opens one's card", async () => {
    const page = await openTables(browser, app, web, COORDINATOR, `d${district}`);
    await page.getByRole("heading", { name: "Реестр сотрудников" }).waitFor();
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    await page.locator("select[name=status]").selectOption("overdue");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/Бекова.*просрочено.*10\.01\.2026/);
    await rows.first().click();
    await page.getByRole("heading", { name: "Бекова Әйгерім Нұрланқызы" }).waitFor();
    const card = (await page.locator("section.card").textContent()) ?? "";
    expect(card).toMatch(/\d{12}/);
    expect(card).toContain("просрочено");
    expect(card).toContain("10.01.2026");
    const logged = await app.deps.db
      .selectFrom("access_log")
      .select("action")
      .where("employee_id", "=", overdue)
      .where("action", "=", "employee.card")
      .execute();
    expect(logged).toHaveLength(1);
    // Back to the register, the filter kept.
    await page.locator("button.back").click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.locator("select[name=status]").inputValue()).toBe("overdue");
    await page.close();
  });

  it("shows the admin the national overview as a table, with the chart", async () => {
    const page = await openTables(browser, app, web, ADMIN, "a");
    await page.getByRole("heading", { name: "Повышение квалификации по регионам" }).waitFor();
    const rows = page.locator("tbody tr");
    // Twenty regions and the country's total.
    await expect.poll(() => rows.count()).toBe(21);
    const abai = rows.filter({ hasText: "Абай" }).first();
    expect((await abai.locator("td").allTextContents()).slice(1, 6)).toEqual([
      "3",
      "1",
      "0",
      "1",
      "1",
    ]);
    expect(await rows.last().textContent()).toContain("Всего по республике");
    const chart = page.locator("img.chart");
    await expect
      .poll(() =>
        chart.evaluate((img) => {
          const image = img as unknown as { complete: boolean; naturalWidth: number };
          return image.complete ? image.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(300);
    await page.close();
  });
});
