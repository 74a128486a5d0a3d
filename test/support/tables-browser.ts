// The Mini App's page in Chromium (playwright-core), opened as Telegram opens it: the
// launch parameters in the address's hash (init data signed for the person, the
// theme, the platform). Top-level, with no Telegram around it, the page draws its own
// main and back buttons (`.main-button`, `.back`).
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { type InitDataUser, signInitData } from "../../bot/webapp/init-data.js";
import type { TestBot } from "./harness.js";
import type { TestWebApp } from "./webapp.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether browser tests can run here. Without Chromium they are skipped with the
 * reason printed; `.ci/run` sets REQUIRE_CHROMIUM=1, which makes that a failure.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `the Mini App's browser tests need ${CHROMIUM}: apt-get install chromium`;
  if (process.env.REQUIRE_CHROMIUM) throw new Error(reason);
  console.warn(`SKIPPED: ${reason}`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}

const LIGHT_THEME = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#707579",
  link_color: "#3390ec",
  button_color: "#3390ec",
  button_text_color: "#ffffff",
  secondary_bg_color: "#f4f4f5",
};

/** A phone-sized page with the tables opened for `user` on the grant `grantKey`. */
export async function openTables(
  browser: Browser,
  app: TestBot,
  web: TestWebApp,
  user: InitDataUser,
  grantKey: string,
  { width = 360, height = 740 } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  const initData = signInitData(user, app.deps.config.botToken, new Date());
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: "8.0",
    tgWebAppPlatform: "weba",
    tgWebAppThemeParams: JSON.stringify(LIGHT_THEME),
  });
  await page.goto(`${web.origin}/app/?grant=${grantKey}#${hash}`);
  return page;
}
