// `npm run playground` in a real browser (Debian's chromium through playwright-core):
// an employee opens their due-date screen, the district coordinator downloads next
// year's list as PDF in Russian, and moving the clock to the next reminder day
// brings the 90-day reminder into the employee's chat.
//
// The playground runs on the database the suite runs on: PGlite in memory by
// default; with TEST_DATABASE_URL, a fresh PostgreSQL database of its own
// (PLAYGROUND_DATABASE_URL), dropped afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresUrl, type TestDatabase } from "./support/database.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const START_TIMEOUT_MS = 150_000;

// Without Chromium the test is skipped with the reason printed (`npm test` on a
// machine without it); `.ci/run` installs it and sets REQUIRE_CHROMIUM=1.
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  const reason = `the playground's browser test needs ${CHROMIUM}: apt-get install chromium`;
  if (process.env.REQUIRE_CHROMIUM) throw new Error(reason);
  console.warn(`SKIPPED: ${reason}`);
}

let playground: ChildProcess;
let output = "";
let url = "";
let browser: Browser;
let page: Page;
let database: TestDatabase | undefined;

function startPlayground(env: Record<string, string>): Promise<string> {
  // Its own process group, so stopping it stops npm, tsx and node together.
  playground = spawn("npm", ["run", "--silent", "playground"], {
    cwd: root,
    detached: true,
    env: { ...process.env, PLAYGROUND_PORT: "0", PLAYGROUND_START: "2026-09-15", ...env },
  });
  playground.stdout?.on("data", (chunk) => (output += chunk));
  playground.stderr?.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no playground:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const check = () => {
      const found = /Playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    playground.stdout?.on("data", check);
    playground.on("exit", (code) => reject(new Error(`playground exited ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  if (!hasChromium) return;
  if (postgresUrl) database = await createTestDatabase(postgresUrl);
  url = await startPlayground(database?.url ? { PLAYGROUND_DATABASE_URL: database.url } : {});
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  await page.goto(url);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  if (playground?.pid && playground.exitCode === null) {
    const exited = new Promise((resolve) => playground.on("exit", resolve));
    process.kill(-playground.pid, "SIGTERM");
    await exited;
  }
  await database?.close();
}, 60_000);

/** Picks a person on the left; the first time, presses Telegram's Start button. */
async function pick(telegramId: number) {
  await page.getByTestId(`person-${telegramId}`).click();
  await page.locator(`[data-testid="messages"][data-person="${telegramId}"]`).waitFor();
  const start = page.getByTestId("start");
  if (await start.isVisible()) await start.click();
}

const botMessages = () => page.getByTestId("bot-message");

describe.skipIf(!hasChromium)("npm run playground", () => {
  it("shows an employee their due date", async () => {
    await pick(2002); // Жұмабаева Әлия: certificate 19.12.2024, due in 95 days
    await page
      .getByTestId("inline-button")
      .filter({ hasText: "Біліктілікті арттыру мерзімі" })
      .last()
      .click();
    await expect
      .poll(() => botMessages().last().textContent(), { timeout: 20_000 })
      .toContain("2026 жылғы 19 желтоқсан");
    expect(await botMessages().last().textContent()).toContain("95 күн қалды");
    expect(await page.getByTestId("note").count()).toBe(0);
    expect(output).toContain(database ? "Database: PostgreSQL" : "Database: embedded PGlite");
  }, 60_000);

  it("gives the district coordinator next year's list as a PDF, in Russian", async () => {
    await page.getByTestId("language").selectOption("ru");
    await pick(1003); // Садықова Гүлмира, Semey
    await page
      .getByTestId("inline-button")
      .filter({ hasText: "Список на обучение" })
      .last()
      .click();
    await expect
      .poll(() => botMessages().last().textContent(), { timeout: 20_000 })
      .toContain("на 2027 год");
    await page.getByTestId("inline-button").filter({ hasText: /^PDF$/ }).last().click();
    const link = page.getByTestId("document").last();
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
    expect(text).toContain("Ахметов"); // never trained: on the list
    expect(text).not.toContain("Серіков"); // up to date: not on it
    expect(text).not.toContain("Ержанов"); // another district's employee
  }, 90_000);

  it("opens the coordinator's tables beside the chat: the overdue filtered, a card opened", async () => {
    await pick(1003); // Садықова Гүлмира, Semey, in Russian since the test before
    await page.getByTestId("composer").fill("/menu");
    await page.getByTestId("send").click();
    const tablesButton = page
      .getByTestId("inline-button")
      .filter({ hasText: "Открыть таблицы" })
      .last();
    await tablesButton.waitFor({ timeout: 20_000 });
    await tablesButton.click();
    const tables = page.frameLocator('[data-testid="tables-frame"]');
    await tables.getByRole("heading", { name: "Реестр сотрудников" }).waitFor({ timeout: 20_000 });
    const rows = tables.locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(3);
    const register = (await tables.locator("tbody").textContent()) ?? "";
    expect(register).toContain("Ахметов"); // Semey's own employee, full IIN beside
    expect(register).toMatch(/\d{12}/);
    expect(register).not.toContain("Ержанов"); // another district's employee
    // The overdue only, then a card; the panel's back button (Telegram's) leads back.
    await tables.locator("select[name=status]").selectOption("overdue");
    await expect.poll(() => rows.filter({ hasText: "Ахметов" }).count()).toBe(0);
    expect(await rows.count()).toBeGreaterThan(0);
    const first = (await rows.first().locator("td").first().textContent()) ?? "";
    expect(await rows.first().textContent()).toContain("просрочено");
    await rows.first().click();
    await tables.getByRole("heading", { name: first.trim() }).waitFor();
    expect(await tables.locator("section.card").textContent()).toMatch(/\d{12}/);
    await page.getByTestId("panel-back").click();
    await tables.locator("select[name=status]").waitFor();
    expect(await tables.locator("select[name=status]").inputValue()).toBe("overdue");
    await page.getByTestId("panel-close").click();
    expect(await page.getByTestId("tables-panel").isHidden()).toBe(true);
  }, 90_000);

  it("moves the clock to the next reminder, which arrives in the employee's chat", async () => {
    await pick(2002);
    const before = await botMessages().count();
    await page.getByTestId("next-reminder").click();
    await expect
      .poll(() => page.getByTestId("clock").textContent(), { timeout: 60_000 })
      .toMatch(/^20\.09\.2026 09:0\d$/);
    await expect.poll(() => botMessages().count(), { timeout: 20_000 }).toBe(before + 1);
    expect(await botMessages().last().textContent()).toContain("2026 жылғы 19 желтоқсан");
    expect(await botMessages().last().textContent()).toContain("90");
    // Another person's reminders are not in this chat, and Telegram refused nothing.
    expect(await page.getByTestId("note").count()).toBe(0);
  }, 90_000);
});
