// Faults the bot must live through: a chat lock that cannot be had still gets the
// person an apology; an unreachable database times out instead of hanging, with a
// log line that says so; an error that escapes everything is logged before the
// process exits cleanly.
import { spawn } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import { createBot } from "../../bot/telegram/bot.js";
import { type DatabaseHandle, openDatabase } from "../../db/database.js";
import { TelegramSimulator } from "../simulator/index.js";
import { startTestBot, type TestBot, testConfig } from "../support/harness.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function captureLogs() {
  const lines: string[] = [];
  const logger = createLogger(
    "error",
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, text: () => lines.join("") };
}

describe("a chat lock that fails", () => {
  let app: TestBot;
  beforeAll(async () => {
    app = await startTestBot();
  });
  afterAll(() => app.database.close());

  it("is inside the error boundary: logged, and the person gets an apology", async () => {
    const logs = captureLogs();
    app.deps.logger = logs.logger;
    const lockKey = app.deps.database.lockKey;
    app.deps.database.lockKey = async () => {
      throw Object.assign(new Error("canceling statement due to lock timeout"), {
        code: "55P03",
      });
    };
    try {
      const user = app.sim.user({ id: 9901, language_code: "ru" });
      await user.send("/start");
      expect(user.lastText()).toContain("Извините, произошла ошибка");
    } finally {
      app.deps.database.lockKey = lockKey;
    }
    expect(logs.text()).toContain("update failed: database lock timeout");
  });
});

describe("a database that does not answer", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let database: DatabaseHandle;
  const sim = new TelegramSimulator();
  const logs = captureLogs();

  beforeAll(async () => {
    // Accepts connections and never says a word, as a hung server or a dead route would.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    database = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${port}/unreachable`,
      timeouts: { connectMs: 500, statementMs: 500, lockMs: 500, chatLockMs: 500 },
    });
    const bot = await createBot(
      {
        config: testConfig(sim),
        database,
        db: database.db,
        logger: logs.logger,
        clock: () => new Date(),
        fetch: sim.fetch,
      },
      { botInfo: sim.botInfo, client: { fetch: sim.fetch, apiRoot: sim.apiRoot } },
    );
    sim.connect((update) => bot.handleUpdate(update));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await database.close().catch(() => undefined);
  });

  it("times out within seconds: the person gets an apology and the log says why", async () => {
    const user = sim.user({ id: 9902, language_code: "kk" });
    const started = performance.now();
    await user.send("/start");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(user.lastText()).toContain("Кешіріңіз");
    expect(logs.text()).toContain("update failed: database connect timeout");
  });
});

describe("an error that escapes everything", () => {
  function runChild(how: "throw" | "reject") {
    const child = spawn(join(root, "node_modules/.bin/tsx"), [
      join(root, "test/support/crash-child.ts"),
      how,
    ]);
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    return new Promise<{ code: number | null; output: string }>((resolve) =>
      child.on("exit", (code) => resolve({ code, output })),
    );
  }

  it("an uncaught exception is logged as fatal, the database closed, and the process exits 1", async () => {
    const { code, output } = await runChild("throw");
    expect(code).toBe(1);
    expect(output).toContain('"level":60');
    expect(output).toContain("uncaughtException: the process stops");
    expect(output).toContain("a callback failed outside every try/catch");
    expect(output).toContain("database closed");
  });

  it("so is an unhandled rejection", async () => {
    const { code, output } = await runChild("reject");
    expect(code).toBe(1);
    expect(output).toContain("unhandledRejection: the process stops");
    expect(output).toContain("a promise nobody awaited was rejected");
  });
});
