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
  // The same keys and placeholders in both languages, up to Russian plural forms
  // (…_one/_few/_many/_other), are checked in language.test.ts.

  it("have no empty or non-string values", () => {
    for (const [language, map] of [
      ["kk", kk],
      ["ru", ru],
    ] as const) {
      const bad = [...map].filter(([, v]) => typeof v !== "string" || v.trim() === "");
      expect(bad.map(([k]) => `${language}:${k}`)).toEqual([]);
    }
  });

  it("keep Kazakh texts in Kazakh: no Russian-only letters", () => {
    // ё, ъ, щ and э are rare in Kazakh words but common in Russian: a leak shows up.
    const leaks = [...kk].filter(([, v]) => /[ёъщэ]/i.test(String(v)));
    expect(leaks.map(([k]) => k)).toEqual([]);
  });
});
