// The repository stands on its own: whoever clones it can follow every reference. No
// tracked file points outside it, every "item N" the code cites is an item of
// docs/RULES.md, and every file the rule and reminder tables name exists.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Tracked text files (binary files, with a NUL byte, left out) and their lines. */
function trackedTexts(): { path: string; lines: string[] }[] {
  const paths = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((path) => path && existsSync(join(root, path)));
  return paths.flatMap((path) => {
    const bytes = readFileSync(join(root, path));
    if (bytes.includes(0)) return [];
    return [{ path, lines: bytes.toString("utf8").split("\n") }];
  });
}

/** Paths of the machine a file was written on, and the folders beside the repository. */
const OUTSIDE = [
  /(^|[^\w.])\.\.\/+shared\b/, // the folder beside the repository
  /\bshared\/(regulation|reviews|data|hooks|DESIGN\.md|GLOSSARY\.md|STYLE\.md)\b/,
  /(^|[\s"'`(=:])\/work\//, // the build machine's work tree
  /(^|[\s"'`(=:])\/(home|Users)\/[\w.-]+\//, // someone's home folder
  /(^|[\s"'`(=:])\/root\//,
  /\b[A-Z]:\\\\?(Users|work)\\/i,
];

/** Markdown links ](x) that climb out of the repository. */
function linksOutside(path: string, line: string): string[] {
  if (!path.endsWith(".md")) return [];
  return [...line.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)]
    .map(([, target]) => target ?? "")
    .filter((target) => !/^[a-z]+:/i.test(target))
    .filter((target) => relative(root, resolve(root, dirname(path), target)).startsWith(".."));
}

describe("the repository", () => {
  const files = trackedTexts();

  it("refers to no path outside itself", () => {
    const found = files.flatMap(({ path, lines }) =>
      lines.flatMap((line, index) =>
        OUTSIDE.some((pattern) => pattern.test(line)) || linksOutside(path, line).length > 0
          ? [`${path}:${index + 1}: ${line.trim()}`]
          : [],
      ),
    );
    expect(found).toEqual([]);
  });

  it("catches such a path (the check itself)", () => {
    // Spelled in pieces, so that this file does not hold what it looks for.
    const up = (...parts: string[]) => ["..", ...parts].join("/");
    const bad = [
      `see ${up("shared", "regulation", "RULES.md")}`,
      `the design's table (\`${up("shared", "DESIGN.md")}\`)`,
      `a copy of ${["shared", "data"].join("/")}`,
      `cd ${["", "work", "main"].join("/")} && npm test`,
      `const file = "${["", "home", "someone", "bot", ".env"].join("/")}";`,
    ];
    for (const line of bad)
      expect(
        OUTSIDE.some((p) => p.test(line)),
        line,
      ).toBe(true);
    expect(linksOutside("docs/X.md", `[rules](${up("..", "shared", "RULES.md")})`)).toHaveLength(1);
    expect(linksOutside("docs/X.md", "[rules](RULES.md), [readme](../README.md)")).toEqual([]);
    const fine = [
      "BACKUP_DIR=/var/backups/bot /opt/bot/scripts/backup.sh",
      'pg_ctlcluster "$(ls /etc/postgresql)" main start',
      "the message budget shared by the bot's replies",
      "xl/sharedStrings.xml",
    ];
    for (const line of fine)
      expect(
        OUTSIDE.some((p) => p.test(line)),
        line,
      ).toBe(false);
  });
});

describe("docs/RULES.md", () => {
  const rules = readFileSync(join(root, "docs/RULES.md"), "utf8");
  const items = new Set([...rules.matchAll(/^\| (\d+(?:\.\d+)?) \|/gm)].map(([, n]) => n ?? ""));

  it("has every item the code cites", () => {
    const sources = trackedTexts().filter(({ path }) =>
      /^(bot|db|scripts|test)\/.*\.ts$/.test(path),
    );
    const cited = new Set<string>();
    for (const { lines } of sources) {
      for (const line of lines) {
        for (const [, list] of line.matchAll(
          /\b[Ii]tems? (\d+(?:\.\d+)?(?:(?:, | and |–)\d+(?:\.\d+)?)*)/g,
        )) {
          for (const part of (list ?? "").split(/, | and /)) {
            const [from, to] = part.split("–");
            if (to === undefined) cited.add(from ?? "");
            else for (let n = Number(from); n <= Number(to); n += 1) cited.add(String(n));
          }
        }
      }
    }
    // "item 4" is cited as a whole; the table has its parts, 4.1 and 4.2.
    const missing = [...cited].filter(
      (n) => !items.has(n) && ![...items].some((item) => item.startsWith(`${n}.`)),
    );
    expect(cited.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it("and docs/REMINDERS.md name only files that exist", () => {
    for (const doc of ["docs/RULES.md", "docs/REMINDERS.md"]) {
      const text = readFileSync(join(root, doc), "utf8");
      const named = [...text.matchAll(/`((?:bot|db|test|locales|scripts)\/[^`*]+\.(?:ts|csv))`/g)];
      expect(named.length, doc).toBeGreaterThan(0);
      expect(
        named.map(([, path]) => path).filter((path) => !existsSync(join(root, path!))),
      ).toEqual([]);
    }
  });
});
