// The embedded database's folder holds personal data: only the bot's own user may
// read it (0700), whether it is created now or was there with looser rights.
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDataDir } from "../db/database.js";

const root = mkdtempSync(join(tmpdir(), "bot-data-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the embedded database's folder", () => {
  it("is created owner-only, and made owner-only if it was not", () => {
    const fresh = join(root, "data", "pglite");
    prepareDataDir(fresh);
    expect(mode(fresh)).toBe(0o700);
    expect(mode(join(root, "data"))).toBe(0o700);

    const loose = join(root, "loose");
    mkdirSync(loose, { mode: 0o755 });
    prepareDataDir(loose);
    expect(mode(loose)).toBe(0o700);
  });
});
