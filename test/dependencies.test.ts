// The folder rules of .dependency-cruiser.cjs, run on the real import graph the way
// `npm run lint` runs them: green on the code, failing on a deliberately wrong import,
// and the same table as docs/ARCHITECTURE.md.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  cruise,
  type ICruiseOptions,
  type ICruiseResult,
  type IViolation,
} from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const configFile = join(root, ".dependency-cruiser.cjs");

interface AllowedRule {
  comment?: string;
}
const config = createRequire(import.meta.url)(configFile) as { allowed: AllowedRule[] };

/** Cruises `folders` of `baseDir` with the project's rules; the violations as "rule: from → to". */
async function violations(baseDir: string, folders: string[]): Promise<string[]> {
  const options: ICruiseOptions = {
    ...(await extractDepcruiseOptions(configFile)),
    baseDir,
  };
  const tsConfig = extractTSConfig(join(baseDir, "tsconfig.json"));
  const result = await cruise(
    folders,
    options,
    {
      ...options.enhancedResolveOptions,
      tsConfig: join(baseDir, "tsconfig.json"),
    } as never,
    { tsConfig },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map(
    (v: IViolation) => `${v.rule.severity} ${v.rule.name}: ${v.from} → ${v.to}`,
  );
}

/** The table's rows as the config states them: "from may import to". */
function table(): string[] {
  return config.allowed.flatMap((r) => {
    const m = /^(\S+) may import (\S+)$/.exec(r.comment ?? "");
    return m ? [`${m[1]} → ${m[2]}`] : [];
  });
}

function knownViolations(): string[] {
  return config.allowed.flatMap((r) => {
    const m = /^KNOWN VIOLATION to remove: (.*)$/.exec(r.comment ?? "");
    return m ? [m[1]!] : [];
  });
}

describe("the folder rules on the real import graph", () => {
  it("hold for the code, except the listed known violations, each of which still exists", async () => {
    const found = await violations(root, ["bot", "db", "scripts", "test", "playground"]);
    expect(found.filter((v) => v.startsWith("error"))).toEqual([]);
    const known = found
      .filter((v) => v.startsWith("warn known-violation: "))
      .map((v) => v.replace("warn known-violation: ", ""));
    // An entry whose import is gone is to be deleted from the config's list.
    expect(known.sort()).toEqual(knownViolations().sort());
  }, 120_000);

  it("are the table docs/ARCHITECTURE.md shows", () => {
    const doc = readFileSync(join(root, "docs/ARCHITECTURE.md"), "utf8");
    const rows = [...doc.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)].flatMap(([, from, cell]) =>
      [...(cell ?? "").matchAll(/`([^`]+)`/g)].map(([, to]) => `${from} → ${to}`),
    );
    expect(rows.sort()).toEqual(table().sort());
  });
});

describe("the folder rules bite", () => {
  let fixture: string;

  /** A small tree with our folder names and one wrong import of each kind. */
  const files: Record<string, string> = {
    "bot/rules/dates.ts": "export const today = 1;\n",
    "bot/routes/route.ts": 'import { today } from "../rules/dates.js";\nexport const r = today;\n',
    // a route that reads a service: routes sit below services
    "bot/routes/wrong.ts": 'import { load } from "../services/load.js";\nexport const w = load;\n',
    "bot/services/load.ts":
      'import { r } from "../routes/route.js";\nexport const load = () => r;\n',
    // a service that speaks to grammY
    "bot/services/telegram.ts": 'import type { Api } from "grammy";\nexport type A = Api;\n',
    // a renderer that reads a service's type (documents declare what they draw)
    "bot/documents/draw.ts":
      'import type { load } from "../services/load.js";\nexport type D = typeof load;\n',
    // a service that calls a renderer (it may only name its input types)
    "bot/services/render.ts": 'import { d } from "../documents/value.js";\nexport const x = d;\n',
    "bot/documents/value.ts": "export const d = 1;\n",
    // one Telegram area reaching into another
    "bot/telegram/features/a/screen.ts":
      'import { b } from "../b/screen.js";\nexport const a = b;\n',
    "bot/telegram/features/b/screen.ts": "export const b = 1;\n",
    // a folder the table does not know
    "bot/elsewhere/thing.ts":
      'import { today } from "../rules/dates.js";\nexport const t = today;\n',
    // two files importing each other
    "bot/core/one.ts": 'import { two } from "./two.js";\nexport const one = () => two;\n',
    "bot/core/two.ts": 'import { one } from "./one.js";\nexport const two = () => one;\n',
    // a stand-in for the grammY package
    "package.json": '{ "type": "module", "dependencies": { "grammy": "1" } }\n',
    "node_modules/grammy/package.json": '{ "name": "grammy", "types": "index.d.ts" }\n',
    "node_modules/grammy/index.d.ts": "export interface Api {}\n",
  };

  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), "folder-rules-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    writeFileSync(join(fixture, "tsconfig.json"), readFileSync(join(root, "tsconfig.json")));
  });

  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it("fails each wrong import with the file and what it imports", async () => {
    const found = await violations(fixture, ["bot"]);
    expect(found).toEqual(
      expect.arrayContaining([
        "error not-in-allowed: bot/routes/wrong.ts → bot/services/load.ts",
        "error not-in-allowed: bot/documents/draw.ts → bot/services/load.ts",
        "error not-in-allowed: bot/services/render.ts → bot/documents/value.ts",
        "error not-in-allowed: bot/elsewhere/thing.ts → bot/rules/dates.ts",
        "error grammy-only-at-the-edge: bot/services/telegram.ts → node_modules/grammy/index.d.ts",
        "error telegram-areas-apart: bot/telegram/features/a/screen.ts → bot/telegram/features/b/screen.ts",
        "error no-cycles: bot/core/one.ts → bot/core/two.ts",
        "error outside-the-table: bot/elsewhere/thing.ts → bot/rules/dates.ts",
      ]),
    );
    // and nothing that the table allows
    expect(found.filter((v) => v.includes("bot/routes/route.ts →"))).toEqual([]);
    expect(found.filter((v) => v.includes("bot/services/load.ts →"))).toEqual([]);
  }, 60_000);
});
