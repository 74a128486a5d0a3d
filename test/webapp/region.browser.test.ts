// A regional coordinator enrols 25 people by one order in Chromium at phone width:
// picks a cohort, filters the approved list by district, ticks the whole page at
// once, downloads the order's draft, enters the signed order's number and date and
// sends everyone in one call; each employee is told in their chat, as the chat's
// enrolment tells them.
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveConsolidated } from "../../bot/services/consolidated-list.js";
import { acceptList, submitList } from "../../bot/services/district-lists.js";
import { openList } from "../../bot/services/lists.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  districtOf,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { chromiumAvailable, launchChromium, openTables } from "../support/tables-browser.js";
import { startWebApp, type TestWebApp } from "../support/webapp.js";

const REGIONAL = { id: 8401, first_name: "Гульнар", language_code: "ru" };
const DISTRICT_COORDINATOR = 8402;
const FIRST_EMPLOYEE = 8410;
const PEOPLE = 25;

let app: TestBot;
let web: TestWebApp;
let browser: Browser;
let region: number;
let cohort: number;
let lateDistrictList: number;

describe.runIf(chromiumAvailable())("enrolment by order in a browser", () => {
  beforeAll(async () => {
    app = await startTestBot({ webapp: true });
    web = await startWebApp(app);
    browser = await launchChromium();
    const { db } = app.deps;
    region = await unitId(db, KATO.abaiRegion);
    const district = await districtOf(db, KATO.abaiRegion, 0);
    await grantRole(db, REGIONAL.id, "regional_coordinator", { unitId: region });
    await grantRole(db, DISTRICT_COORDINATOR, "district_coordinator", { unitId: district });
    for (let i = 0; i < PEOPLE; i++) {
      const telegramId = FIRST_EMPLOYEE + i;
      await createEmployee(db, {
        unitId: district,
        telegramId,
        lastName: `Иванова${String(i + 1).padStart(2, "0")}`,
      });
    }
    // The region's own people are on the list too; the district filter leaves them out.
    for (const lastName of ["Областная", "Облыстық"])
      await createEmployee(db, { unitId: region, lastName });
    for (const id of [REGIONAL.id, DISTRICT_COORDINATOR])
      await app.sim.user({ id, language_code: "ru" }).send("/start");
    for (let i = 0; i < PEOPLE; i++)
      await app.sim.user({ id: FIRST_EMPLOYEE + i, language_code: "ru" }).send("/start");
    // The lists through the chat's own services: sent, accepted, approved (items 7, 8).
    const now = app.deps.clock();
    const districtList = await openList(db, district, 2027, "district", DISTRICT_COORDINATOR, now);
    await submitList(db, districtList.id, 2027, DISTRICT_COORDINATOR, now);
    await acceptList(db, districtList.id, REGIONAL.id, now);
    const consolidated = await openList(db, region, 2027, "regional", REGIONAL.id, now);
    await approveConsolidated(db, consolidated.id, 2027, REGIONAL.id, now);
    // Another district sends its list; the region has not decided it yet.
    const other = await districtOf(db, KATO.abaiRegion, 1);
    await createEmployee(db, { unitId: other, lastName: "Кешікова" });
    const otherList = await openList(db, other, 2027, "district", DISTRICT_COORDINATOR, now);
    await submitList(db, otherList.id, 2027, DISTRICT_COORDINATOR, now);
    lateDistrictList = otherList.id;
    await app.drainOutbox();
    cohort = await createCohort(db, {
      providerId: await createProvider(db),
      startsOn: "2027-02-01",
      endsOn: "2027-02-12",
      capacity: 30,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await app?.database.close();
  });

  it("enrols 25 people by one order and downloads the draft, at 360 px", async () => {
    const page = await openTables(browser, app, web, REGIONAL, `r${region}`);
    await page.getByRole("tab", { name: "Направление" }).click();
    await page.getByRole("heading", { name: "Направление на обучение по приказу" }).waitFor();
    await page.getByText("Защита прав детей: современные подходы").click();

    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(PEOPLE + 2);
    // The first district: after "All" and the region's own unit.
    await page.locator('select[name="district"]').selectOption({ index: 2 });
    await expect.poll(() => rows.count()).toBe(PEOPLE);
    expect(await rows.first().textContent()).toMatch(/Иванова01.*\d{12}/);

    await page.getByRole("button", { name: "Отметить всех на странице" }).click();
    const status = page.locator(".notice[role=status]").first();
    await expect
      .poll(() => status.textContent())
      .toContain("Отмечено: 25. Останется свободных мест: 5.");

    // The draft for the 25 ticked, as the chat makes it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Проект приказа DOCX" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("приказ-проект-2027-02-01.docx");
    const zip = await JSZip.loadAsync(await readFile((await download.path()) ?? ""));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("ПРИКАЗЫВАЮ");
    for (const n of ["01", "13", "25"]) expect(xml).toContain(`Иванова${n}`);
    expect(xml).not.toContain("Областная");

    // Nothing spills sideways at phone width: wide tables scroll inside their frame.
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await page.locator(".main-button").click();
    await page.getByText("Кто направляется (25)").waitFor();
    await page.getByLabel("Номер приказа").fill("25-ө");
    await page.getByLabel("Дата приказа").fill("2026-11-25");
    await expect
      .poll(() => page.locator(".main-button").textContent())
      .toContain("Направить по приказу (25)");
    await page.locator(".main-button").click();
    await page
      .getByText("Направлено на обучение: 25 (приказ № 25-ө от 25.11.2026)")
      .waitFor({ timeout: 15_000 });

    const { db } = app.deps;
    const enrolled = await db
      .selectFrom("enrolments")
      .select(["order_number", "head_order_id"])
      .where("cohort_id", "=", cohort)
      .execute();
    expect(enrolled).toHaveLength(PEOPLE);
    expect(new Set(enrolled.map((e) => e.head_order_id)).size).toBe(1);
    const downloads = await db
      .selectFrom("access_log")
      .select("subject")
      .where("action", "=", "document.download")
      .execute();
    expect(downloads).toHaveLength(PEOPLE);
    expect(downloads[0]?.subject).toBe(`head_order_draft:${cohort}:docx`);

    // Each of them is told in their chat, as the chat's enrolment tells them.
    await app.drainOutbox();
    for (let i = 0; i < PEOPLE; i++)
      expect(
        app.sim
          .user({ id: FIRST_EMPLOYEE + i })
          .texts()
          .join("\n"),
      ).toContain("Вы направлены на повышение квалификации (приказ № 25-ө от 25.11.2026)");
    // The list now leaves them out.
    await expect.poll(() => rows.count()).toBe(0);
    await page.close();
  });

  it("shows the district lists board, accepts a list from its card, and opens the other tables", async () => {
    // A day after the consolidated list's approval.
    app.clock.set("2026-11-26T10:00:00+05:00");
    const page = await openTables(browser, app, web, REGIONAL, `r${region}`);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.getByRole("heading", { name: "Списки районов" }).waitFor();
    // The list sent on 25 November: after 1 November, so marked late (item 7).
    const row = page
      .locator("tbody tr")
      .filter({ has: page.getByText("направлен", { exact: true }) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("25.11.2026 · после установленного срока");
    await row.click();
    await page.locator(".main-button", { hasText: "Принять список" }).click();
    await page.getByText("Список принят").waitFor();
    await page.locator(".back").click();
    await page.getByRole("heading", { name: "Списки районов" }).waitFor();
    const decided = await app.deps.db
      .selectFrom("lists")
      .select("status")
      .where("id", "=", lateDistrictList)
      .executeTakeFirstOrThrow();
    expect(decided.status).toBe("accepted");

    await page.getByRole("tab", { name: "Сводный список" }).click();
    await page.getByRole("heading", { name: "Сводный список" }).waitFor();
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(2);
    await page.getByText("Приняты после утверждения, не внесены").waitFor();
    await page.getByRole("tab", { name: "Переводы" }).click();
    await page.getByText("Заявлений, ожидающих рассмотрения, нет.").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
