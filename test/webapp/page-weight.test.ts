// The Mini App's page stays small enough for a phone on a slow line: everything it
// loads before data (the page, its modules, its styles, Preact and htm) is under
// 150 KB, as served (no compression counted).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { staticFile } from "../../bot/webapp/static-files.js";

const PAGE = fileURLToPath(new URL("../../webapp", import.meta.url));
const BUDGET_BYTES = 150 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path.slice(PAGE.length + 1)];
  });
}

describe("the Mini App's page", () => {
  it("weighs under 150 KB before data, libraries included", async () => {
    const served = [...files(PAGE), "vendor/preact.mjs", "vendor/hooks.mjs", "vendor/htm.mjs"];
    let total = 0;
    for (const path of served) {
      const file = await staticFile(path === "index.html" ? "" : path);
      expect(file, path).toBeDefined();
      total += file?.body.length ?? 0;
    }
    console.log(`the Mini App's page: ${(total / 1024).toFixed(1)} KB in ${served.length} files`);
    expect(total).toBeLessThan(BUDGET_BYTES);
  });
});
