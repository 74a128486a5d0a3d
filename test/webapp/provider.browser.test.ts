// The provider coordinator's tables in Chromium at phone width: a cohort's results
// recorded in one save from the page (one participant marked as not passed), the
// outcome per person on the page, the employees told in their chats, the cohort's
// table updated; a certificate's card; a retest; then the register of certificates
// for the year with full IINs.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { chromiumAvailable, launchChromium, openTables } from "../support/tables-browser.js";
import { startWebApp, type TestWebApp } from "../support/webapp.js";

const COORDINATOR = { id: 8401, first_name: "Гульнар", language_code: "ru" };
const EMPLOYEES = [8411, 8412, 8413];

let app: TestBot;
let web: TestWebApp;
let browser: Browser;
let providerId: number;

describe.runIf(chromiumAvailable())("the provider's tables in a browser", () => {
  beforeAll(async () => {
    app = await startTestBot({ webapp: true });
    web = await startWebApp(app);
    browser = await launchChromium();
    const { db } = app.deps;
    providerId = await createProvider(db, "ҰБО");
    await grantRole(db, COORDINATOR.id, "provider_coordinator", { providerId });
    const region = await unitId(db, KATO.abaiRegion);
    const cohort = await createCohort(db, {
      providerId,
      startsOn: "2027-02-01",
      endsOn: "2027-02-12",
    });
    for (const [i, id] of EMPLOYEES.entries()) {
      const employee = await createEmployee(db, {
        unitId: region,
        telegramId: id,
        lastName: ["Абаев", "Бекова", "Ғалымов"][i],
        firstName: "Тест",
        patronymic: null,
      });
      await enrol(db, employee, cohort);
      await app.sim.user({ id, language_code: "ru" }).send("/start");
    }
    app.clock.set("2027-02-13T10:00:00+05:00");
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await app?.database.close();
  });

  it("a provider records a cohort's results in one save and the employees are told in their chats", async () => {
    const page = await openTables(browser, app, web, COORDINATOR, `p${providerId}`);
    await page.getByRole("heading", { name: "Потоки обучения" }).waitFor();
    await page.getByRole("cell", { name: "Защита прав детей: современные подходы" }).click();
    await page.getByText("Участники: 3 / 25").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(3);
    expect(await page.locator("tbody tr").first().textContent()).toContain("не подтверждён");

    await page.locator(".main-button", { hasText: "Записать результаты" }).click();
    await page.getByRole("heading", { name: "Результаты итогового тестирования" }).waitFor();
    expect(await page.locator("input[name=takenOn]").inputValue()).toBe("2027-02-12");
    await page.getByRole("checkbox", { name: /Бекова Тест/ }).uncheck();
    await page.locator(".main-button", { hasText: "Сохранить результаты" }).click();

    await page
      .getByText("Результаты сохранены. Выдано сертификатов: 2. Выдано справок: 1.")
      .waitFor();
    const lines = page.locator("tbody tr");
    expect(await lines.allTextContents()).toEqual([
      "Абаев Тестсертификат № ҰБО-2027-000001",
      "Бекова Тестсправка о прослушивании программы",
      "Ғалымов Тестсертификат № ҰБО-2027-000002",
    ]);
    // Nothing is left to save: the main button is gone.
    expect(await page.locator(".main-button").count()).toBe(0);
    // The page is laid out for the phone: nothing wider than the screen.
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(360);

    await app.drainOutbox();
    const told = (i: number) => app.sim.user({ id: EMPLOYEES[i] ?? 0, language_code: "ru" });
    expect(told(0).lastText()).toContain("выдан сертификат № ҰБО-2027-000001");
    expect(told(1).lastText()).toContain("Результат итогового тестирования: не пройдено");
    expect(told(2).lastText()).toContain("выдан сертификат № ҰБО-2027-000002");

    // Back on the cohort: the statuses and certificates, and a retest for the one who failed.
    await page.locator(".back").click();
    await page.getByText("ҰБО-2027-000002").waitFor();
    expect(await page.locator("tbody tr").nth(1).textContent()).toContain(
      "12.02.2027 · итоговое · не пройдено",
    );
    // A certificate's card, and back.
    await page.getByRole("button", { name: "ҰБО-2027-000001" }).click();
    await page.getByText("Сертификат № ҰБО-2027-000001").waitFor();
    expect(await page.locator(".card").textContent()).toContain("Владелец: Абаев Тест");
    await page.locator(".back").click();

    // The one who failed is retested the next day (item 13(1)); a pass would issue a certificate.
    await page.getByRole("button", { name: "Повторное тестирование" }).click();
    await page.getByRole("heading", { name: "Повторное тестирование" }).waitFor();
    expect(await page.locator("select[name=enrolment] option").allTextContents()).toEqual([
      "Бекова Тест",
    ]);
    expect(await page.locator("input[name=takenOn]").inputValue()).toBe("2027-02-13");
    await page.locator("select[name=result]").selectOption("failed");
    await page.locator(".main-button", { hasText: "Записать результат" }).click();
    await page.getByText("Результат повторного тестирования записан: не пройдено.").waitFor();
    await page.locator(".back").click();
    await page.getByText("13.02.2027 · повторное · не пройдено").waitFor();
    await page.locator(".back").click();

    await page.getByRole("tab", { name: "Журнал сертификатов" }).click();
    await page.getByRole("heading", { name: "Журнал регистрации сертификатов" }).waitFor();
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/Абаев Тест\d{12}.*ҰБО-2027-000001/);
    await page.close();
  });
});
