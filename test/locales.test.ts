// Kazakh and Russian are equals: the same keys in both, and no empty string.
import { describe, expect, it } from "vitest";
import { readLocale } from "../bot/i18n/index.js";

function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      for (const [k, v] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

const kk = flatten(readLocale("kk"));
const ru = flatten(readLocale("ru"));

describe("locales", () => {
  it("have the same keys in Kazakh and Russian", () => {
    expect([...kk.keys()].filter((k) => !ru.has(k))).toEqual([]);
    expect([...ru.keys()].filter((k) => !kk.has(k))).toEqual([]);
  });

  it("have no empty or non-string values", () => {
    for (const [language, map] of [
      ["kk", kk],
      ["ru", ru],
    ] as const) {
      const bad = [...map].filter(([, v]) => typeof v !== "string" || v.trim() === "");
      expect(bad.map(([k]) => `${language}:${k}`)).toEqual([]);
    }
  });

  it("use the same {{placeholders}} in both languages", () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const mismatched = [...kk.keys()].filter(
      (key) => placeholders(kk.get(key)).join() !== placeholders(ru.get(key)).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it("keep Kazakh texts in Kazakh: no Russian-only letters", () => {
    // ё, ъ, щ and э are rare in Kazakh words but common in Russian: a leak shows up.
    const leaks = [...kk].filter(([, v]) => /[ёъщэ]/i.test(String(v)));
    expect(leaks.map(([k]) => k)).toEqual([]);
  });
});
