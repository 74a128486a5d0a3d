// Every text the Mini App's page asks for exists in Kazakh and in Russian: the page
// sends literal keys to t("…"), which shows the key itself when it is missing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pageTexts } from "../../bot/webapp/page-texts.js";

const PAGE = fileURLToPath(new URL("../../webapp", import.meta.url));

function pageFiles(dir = PAGE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? pageFiles(join(dir, entry.name))
      : entry.name.endsWith(".js")
        ? [join(dir, entry.name)]
        : [],
  );
}

const lookup = (texts: Record<string, unknown>, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], texts);

describe("the Mini App's texts", () => {
  const literalKeys = pageFiles().flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/\bt\("([\w.]+)"/g)].map((m) => ({
      file: file.slice(PAGE.length + 1),
      key: m[1] ?? "",
    })),
  );

  it("finds the keys the page uses", () => {
    expect(literalKeys.length).toBeGreaterThan(10);
  });

  for (const language of ["kk", "ru"] as const) {
    it(`has every key the page uses in ${language}`, () => {
      const texts = pageTexts(language);
      const missing = literalKeys.filter(({ key }) => typeof lookup(texts, key) !== "string");
      expect(missing).toEqual([]);
    });
  }
});
