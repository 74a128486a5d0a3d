import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// Load-style tests: thousands of updates or messages, several processes, a browser.
// They take most of the suite's time, so they are a project of their own: `npm test`
// runs both projects, `npx vitest run --project main` leaves these out and
// `--project load` runs only these.
const LOAD = [
  "test/bot/fuzz.test.ts", // 2,000 random updates
  "test/model/state-machine.test.ts", // 300 random sequences of the regulation's states
  "test/reminders/shared-budget.test.ts", // 2,000 reminders at Telegram's 30 a second
  "test/reminders/two-senders.test.ts", // 5,000 rows, each chat paced at 1 a second
  "test/reminders/sender-processes.test.ts", // two sender processes, one killed
  "test/start-process.test.ts", // `npm start` as a child process
  "test/playground.browser.test.ts", // the playground in Chromium
  "test/webapp/*.browser.test.ts", // the coordinators' tables in Chromium
];

// What every test file shares, in both projects.
const common = {
  // Each test file gets its own copy of a migrated database (see globalSetup).
  testTimeout: 60_000,
  // Opening a database takes seconds, and minutes on a busy 2-core machine.
  hookTimeout: 180_000,
  pool: "forks" as const,
  setupFiles: ["test/support/no-missing-keys.ts"],
};

export default defineConfig({
  test: {
    // Migrates and seeds one database before any file runs; each file copies it.
    // Set here, on the root, it runs once for both projects.
    globalSetup: ["test/support/database-template.ts"],
    // Vitest's default is one worker fewer than the processors: a single one on two.
    // Many files spend their time waiting rather than computing (the broadcast paced at
    // 30 a second alone waits about a minute and a half; the senders pace each chat in
    // real time; child processes; the PostgreSQL server), so at least three run side by
    // side: while one waits, the others use the processors.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...common,
          name: "main",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...LOAD],
        },
      },
      { test: { ...common, name: "load", include: LOAD } },
    ],
  },
});
