// Renders the README's screenshots of the playground (docs/playground-*.png): an
// employee's chat after the due-date screen and a reminder, and a district
// coordinator's chat with next year's list and its PDF. Needs Debian's chromium.
// The buttons are pressed by their labels as the locales have them now, so a reworded
// label is followed, not missed.
//
//   npx tsx scripts/playground-screenshots.ts
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { initI18n, translator } from "../bot/i18n/index.js";
import { openDatabase } from "../db/database.js";
import { startPlayground } from "../playground/index.js";

const DOCS = fileURLToPath(new URL("../docs", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function pick(page: Page, telegramId: number) {
  await page.getByTestId(`person-${telegramId}`).click();
  await page.locator(`[data-testid="messages"][data-person="${telegramId}"]`).waitFor();
  const start = page.getByTestId("start");
  if (await start.isVisible()) await start.click();
}

async function tap(page: Page, label: string | RegExp) {
  const before = await page.getByTestId("bot-message").count();
  await page.getByTestId("inline-button").filter({ hasText: label }).last().click();
  await page.waitForFunction(
    `document.querySelectorAll('[data-testid="bot-message"]').length > ${before}`,
  );
  await page.waitForTimeout(700);
}

async function main() {
  await initI18n();
  const kk = translator("kk");
  const ru = translator("ru");
  const database = await openDatabase({ dataDir: "memory://" });
  const playground = await startPlayground({
    database,
    start: "2026-09-15",
    port: 0,
    env: { LOG_LEVEL: "silent" },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    await page.goto(playground.url);

    await pick(page, 2002);
    await tap(page, kk("employee.menu.status"));
    await page.getByTestId("next-reminder").click();
    await page.getByTestId("clock").filter({ hasText: "20.09.2026" }).waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(DOCS, "playground-employee.png") });

    await page.getByTestId("language").selectOption("ru");
    await pick(page, 1003);
    await tap(page, ru("menu.next_year_list"));
    await tap(page, /^PDF$/);
    await page.getByTestId("document").last().waitFor();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(DOCS, "playground-coordinator.png") });
    console.log(`written: ${join(DOCS, "playground-employee.png")}, playground-coordinator.png`);
  } finally {
    await browser.close();
    await playground.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
