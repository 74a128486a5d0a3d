// The layers keep their shape (docs/ARCHITECTURE.md): every button goes through the
// route table, the Telegram layer reads and writes nothing itself, screens and services
// stay small, the audit log is written in one place, and the table refuses whatever it
// did not make.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGrantKey, type Route, routes } from "../bot/routes/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));

function sourcesUnder(folder: string): { path: string; text: string }[] {
  const dir = join(root, folder);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(relative(root, path));
    if (!name.endsWith(".ts")) return [];
    return [{ path: relative(root, path), text: readFileSync(path, "utf8") }];
  });
}

/** The lines of `files` that match `pattern`, as "path:line: text". */
function offending(files: { path: string; text: string }[], pattern: RegExp): string[] {
  return files.flatMap(({ path, text }) =>
    text
      .split("\n")
      .flatMap((line, index) =>
        pattern.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [],
      ),
  );
}

const telegram = sourcesUnder("bot/telegram");
const everythingButRoutes = sourcesUnder("bot").filter((f) => !f.path.startsWith("bot/routes/"));

const DATA_ACCESS =
  /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|\bnotify(Coordinators|All)?\(|\benqueue\(/;

describe("the coordinators' tables (bot/webapp)", () => {
  it("read and write no data themselves: the same services as the chat do", () => {
    expect(offending(sourcesUnder("bot/webapp"), DATA_ACCESS)).toEqual([]);
  });
});

describe("the Telegram layer", () => {
  it("registers buttons only through the route table", () => {
    const outsideRouting = everythingButRoutes.filter((f) => f.path !== "bot/telegram/routing.ts");
    expect(offending(outsideRouting, /\.callbackQuery\(|waitForCallbackQuery\(/)).toEqual([]);
  });

  it("spells no callback data: buttons and notices pack a route", () => {
    // A button's data given as a string or template literal, e.g. .text(label, "ls:…")
    // or { data: `ev:${…}` }.
    const literal = /\.text\(.*,\s*(["'`])[^"'`]*\1\s*\)|\bdata:\s*["'`]/;
    expect(offending(everythingButRoutes, literal)).toEqual([]);
  });

  it("reads and writes no data itself: services do, with their notices", () => {
    // The conversation state storage is the one table the layer owns.
    const files = telegram.filter((f) => f.path !== "bot/telegram/state-storage.ts");
    expect(offending(files, DATA_ACCESS)).toEqual([]);
  });

  it("keeps every file under 300 lines", () => {
    const long = telegram
      .map((f) => ({ path: f.path, lines: f.text.split("\n").length }))
      .filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });

  it("services and rules never import grammY or the Telegram layer", () => {
    const below = [
      ...sourcesUnder("bot/services"),
      ...sourcesUnder("bot/rules"),
      ...sourcesUnder("bot/routes"),
    ];
    expect(offending(below, /from "(grammy|@grammyjs\/[\w-]+|\.\.\/telegram\/[^"]+)"/)).toEqual([]);
  });
});

describe("the services", () => {
  const services = sourcesUnder("bot/services");

  it("keeps every file under 400 lines", () => {
    const long = services
      .map((f) => ({ path: f.path, lines: f.text.split("\n").length }))
      .filter((f) => f.lines > 400);
    expect(long).toEqual([]);
  });

  it("spell a unit in the region only in services/scope.ts (inRegion, unitsOfRegion)", () => {
    const others = sourcesUnder("bot").filter((f) => f.path !== "bot/services/scope.ts");
    const region =
      /eb\.or\(\[eb\("(\w+\.)?id", "=", [\w.]+\), eb\("(\w+\.)?parent_id"|\bid = \S+ or parent_id = /;
    expect(offending(others, region)).toEqual([]);
  });

  it("write the audit log only through audit()", () => {
    const others = sourcesUnder("bot").filter((f) => f.path !== "bot/services/audit.ts");
    expect(offending(others, /insertInto\("audit_log"\)/)).toEqual([]);
  });
});

describe("the route table", () => {
  const all = Object.entries(routes) as [string, Route][];

  it("gives every route its own prefix", () => {
    const prefixes = all.map(([, r]) => r.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("refuses data it did not make: random, truncated, extended, or with a value out of range", () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.string({ maxLength: 64 }), ([, route], noise) => {
        const data = `${route.prefix}:${noise}`;
        const parsed = route.unpack(data) as Record<string, unknown> | null;
        if (parsed === null) return;
        // Whatever it accepts is exactly what it would have written itself.
        const grant = parseGrantKey(String(parsed.grantKey ?? ""));
        expect(route.pack({ ...parsed, grant } as never)).toBe(data);
      }),
      { numRuns: 2000 },
    );
    for (const [, route] of all) {
      expect(route.unpack(`${route.prefix}:1:2:3:4:5:6`)).toBeNull();
      expect(route.unpack(`${route.prefix}x`)).toBeNull();
    }
    expect(routes.districtListReview.unpack("rdv:r5:77")).toMatchObject({ list: 77 });
    expect(routes.districtListReview.unpack("rdv:d5:77")).toBeNull(); // a district's grant
    expect(routes.districtListReview.unpack("rdv:r5:077")).toBeNull();
    expect(routes.districtListReview.unpack("rdv:r5:-1")).toBeNull();
    expect(routes.districtListReview.unpack("rdv:r5:1e3")).toBeNull();
    expect(routes.accessLog.unpack("al:8:0")).toBeNull(); // 7 or 30 days only
  });

  it("refuses to write data over Telegram's 64 bytes, or a value it could not read back", () => {
    expect(() => routes.language.pack({ language: "kk", startPayload: "x".repeat(57) })).toThrow();
    expect(() =>
      routes.employees.pack({ grant: { role: "district_coordinator", unitId: 1 }, page: -1 }),
    ).toThrow();
  });
});
