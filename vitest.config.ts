import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test file gets its own database; PGlite start-up is the slow part.
    testTimeout: 60_000,
    // PGlite start-up and migrations take seconds, and minutes on a busy 2-core machine.
    hookTimeout: 180_000,
    pool: "forks",
    setupFiles: ["test/support/no-missing-keys.ts"],
  },
});
