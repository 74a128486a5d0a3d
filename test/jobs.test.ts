// A scheduled job that fails is logged through the JSON logger with its name, scrubbed
// like every other line, and not through node-cron's console.
import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduleJob } from "../bot/core/jobs.js";
import { createLogger } from "../bot/core/logger.js";

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger("info", destination), lines };
}

describe("a scheduled job", () => {
  afterEach(() => vi.restoreAllMocks());

  it("that fails is logged with its name through the logger, and runs again", async () => {
    const console = vi.spyOn(globalThis.console, "error").mockImplementation(() => {});
    const { logger, lines } = capturedLogger();
    let runs = 0;
    const task = scheduleJob(logger, "reminder-planner", "0 3 1 1 *", async () => {
      runs += 1;
      throw new Error("database gone while planning for 900101300123");
    });
    try {
      await task.execute();
      await task.execute();
    } finally {
      await task.stop();
    }
    expect(runs).toBe(2);
    const failures = lines.filter((l) => l.msg === "scheduled job failed");
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ level: 50, job: "reminder-planner" });
    expect(JSON.stringify(failures[0])).toContain("database gone while planning for [iin]");
    expect(JSON.stringify(lines)).not.toContain("900101300123");
    expect(console).not.toHaveBeenCalled();
  });
});
