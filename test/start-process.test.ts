// `npm start` as a person runs it: a real process, against the simulator served
// over HTTP as BOT_API_ROOT, on the embedded database in a fresh folder.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TelegramSimulator } from "./simulator/index.js";
import { waitFor } from "./support/wait-for.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "bot-start-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs bot/main.ts the way `npm start` does, from an empty folder (no .env there). */
function startBot(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(join(root, "node_modules/.bin/tsx"), [join(root, "bot/main.ts")], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe("npm start", () => {
  it("without BOT_TOKEN exits 1 and says how to get a token and where to put it", async () => {
    const run = startBot({});
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain("BOT_TOKEN is missing");
    expect(run.output()).toContain("@BotFather");
    expect(run.output()).toContain(".env");
  });

  it("answers /start on the embedded database, serves the tables, and stops cleanly on SIGTERM", async () => {
    const sim = new TelegramSimulator();
    const server = await sim.listen();
    const webappPort = await freePort();
    const run = startBot({
      BOT_TOKEN: sim.token,
      BOT_API_ROOT: server.url,
      DATA_DIR: join(folder, "data"),
      LOG_LEVEL: "info",
      WEBAPP_URL: "https://tables.example.kz/app/",
      WEBAPP_PORT: String(webappPort),
    });
    try {
      await waitFor(() => run.output().includes("bot started (long polling)"), {
        timeout: 45_000,
        message: () => `output so far:\n${run.output()}`,
      });
      const user = sim.user({ id: 77, language_code: "kk" });
      await user.send("/start");
      expect(user.texts().join("\n")).toContain("Сәлеметсіз бе");

      const other = sim.user({ id: 78, language_code: "en" });
      await other.send("/start");
      await other.press("Русский язык");
      expect(other.texts().join("\n")).toContain("Здравствуйте");

      expect(existsSync(join(folder, "data", "pglite"))).toBe(true);
      expect(readdirSync(join(folder, "data", "pglite")).length).toBeGreaterThan(0);
      expect(sim.calls.some((c) => c.method === "setMyCommands")).toBe(true);
      expect(run.output()).not.toContain(sim.token);

      // Long polling has no webhook server: the tables get a port of their own.
      await waitFor(() => run.output().includes("coordinators' tables served"), {
        timeout: 10_000,
        message: () => `output so far:\n${run.output()}`,
      });
      const page = await fetch(`http://127.0.0.1:${webappPort}/app/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("./main.js");
      expect((await fetch(`http://127.0.0.1:${webappPort}/app/api/me`)).status).toBe(401);

      run.child.kill("SIGTERM");
      expect(await run.exit).toBe(0);
      expect(run.output()).toContain('"msg":"stopped"');
    } finally {
      run.child.kill("SIGKILL");
      await server.close();
    }
  }, 90_000);
});

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
