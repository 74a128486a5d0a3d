// The district coordinator's register in Chromium at phone width: the table with full
// IINs, a search by surname.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmployee, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { chromiumAvailable, launchChromium, openTables } from "../support/tables-browser.js";
import { startWebApp, type TestWebApp } from "../support/webapp.js";

const COORDINATOR = { id: 8201, first_name: "Дана", language_code: "ru" };

let app: TestBot;
let web: TestWebApp;
let browser: Browser;
let district: number;

describe.runIf(chromiumAvailable())("the district register in a browser", () => {
  beforeAll(async () => {
    app = await startTestBot({ webapp: true });
    web = await startWebApp(app);
    browser = await launchChromium();
    district = await unitId(app.deps.db, KATO.abaiDistrict);
    await grantRole(app.deps.db, COORDINATOR.id, "district_coordinator", { unitId: district });
    for (const lastName of ["Абаева", "Бекова", "Жумабаев"])
      await createEmployee(app.deps.db, { unitId: district, lastName });
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
});
