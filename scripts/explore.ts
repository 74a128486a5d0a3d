// `npm run explore` (node --import tsx, so Ctrl-C reaches this process, not a wrapper).
// Runs the model-based test (test/model/) with random seeds until stopped (Ctrl-C),
// printing each seed before it runs, so that any failure can be replayed with
//   MODEL_SEED=<seed> MODEL_RUNS=<runs> npx vitest run test/model
// MODEL_RUNS sets the sequences per seed (200 by default); the test database is the
// embedded one unless TEST_DATABASE_URL is set, as for `npm test`.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";

const runs = process.env.MODEL_RUNS ?? "200";
const failed: number[] = [];
let tried = 0;

// Ctrl-C reaches the running test too; the seed it interrupted is not counted.
let stopping = false;
process.on("SIGINT", () => {
  stopping = true;
});

while (!stopping) {
  const seed = randomInt(1, 2 ** 31 - 1);
  console.log(`seed ${seed} (${runs} sequences)…`);
  const result = spawnSync("npx", ["vitest", "run", "test/model", "--silent"], {
    env: { ...process.env, MODEL_SEED: String(seed), MODEL_RUNS: runs },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (stopping || result.signal) break;
  tried++;
  if (result.status === 0) console.log(`seed ${seed}: every invariant held`);
  else {
    failed.push(seed);
    console.log(
      `seed ${seed}: FAILED — replay with MODEL_SEED=${seed} MODEL_RUNS=${runs} npx vitest run test/model`,
    );
  }
}
console.log(
  `${tried} seeds tried, ${failed.length} failed${failed.length ? `: ${failed.join(", ")}` : ""}`,
);
process.exit(failed.length ? 1 : 0);
