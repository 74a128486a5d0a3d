// Renders the README's screenshots of the coordinators' tables (docs/tables-*.png): each
// role's main table as the playground's panel shows it beside the chat, opened from the
// menu's button as in Telegram. Needs Debian's chromium.
//
//   npx tsx scripts/webapp-screenshots.ts
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { initI18n, translator } from "../bot/i18n/index.js";
import { openDatabase } from "../db/database.js";
import type { Language } from "../db/types.js";
import { startPlayground } from "../playground/index.js";

const DOCS = fileURLToPath(new URL("../docs", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface Shot {
  file: string;
  person: number;
  language: Language;
  /** Tabs of the app to press, in order, before the picture (their labels). */
  tabs?: string[];
  /** Then the table row to open, by a text in it. */
  row?: string;
}

const SHOTS: Shot[] = [
  { file: "tables-district-ru.png", person: 1003, language: "ru" },
  { file: "tables-region-kk.png", person: 1002, language: "kk" },
  { file: "tables-provider-ru.png", person: 1005, language: "ru", row: "06.04.2026" },
  { file: "tables-admin-kk.png", person: 1001, language: "kk" },
];

async function openTablesOf(page: Page, shot: Shot) {
  await page.getByTestId("language").selectOption(shot.language);
  await page.getByTestId(`person-${shot.person}`).click();
  await page.locator(`[data-testid="messages"][data-person="${shot.person}"]`).waitFor();
  const start = page.getByTestId("start");
  if (await start.isVisible()) await start.click();
  await page.getByTestId("composer").fill("/menu");
  await page.getByTestId("send").click();
  const label = translator(shot.language)("menu.tables");
  const button = page.getByTestId("inline-button").filter({ hasText: label }).last();
  await button.waitFor();
  await button.click();
  const tables = page.frameLocator('[data-testid="tables-frame"]');
  for (const tab of shot.tabs ?? []) await tables.getByRole("button", { name: tab }).click();
  await tables.locator("table, .empty").first().waitFor({ timeout: 30_000 });
  if (shot.row) {
    await tables.locator("tbody tr").filter({ hasText: shot.row }).first().click();
    // The row's screen asks Telegram (here the panel) for its back button.
    await page.getByTestId("panel-back").waitFor();
    await page.waitForTimeout(1500);
  }
  await page.waitForTimeout(800);
}

async function main() {
  await initI18n();
  const database = await openDatabase({ dataDir: "memory://" });
  const playground = await startPlayground({
    database,
    start: "2026-09-15",
    port: 0,
    env: { LOG_LEVEL: "silent" },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(playground.url);
    for (const shot of SHOTS) {
      await openTablesOf(page, shot);
      await page.getByTestId("tables-panel").screenshot({ path: join(DOCS, shot.file) });
      console.log(`written: docs/${shot.file}`);
      await page.getByTestId("panel-close").click();
    }
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
