// Kazakh and Russian, as equals. Each file locales/<lang>/<name>.json becomes the
// key prefix <name>, so t("start.welcome") reads "welcome" from start.json.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type ParseKeys, type TFunction } from "i18next";
import type { Language } from "../../db/types.js";
import { kkDateDative } from "./kazakh.js";
import "./types.js";

export type { TFunction };
/** Every key the locale files define: `t("lists.statuss")` fails `tsc`. */
export type TextKey = ParseKeys;
export const LANGUAGES: readonly Language[] = ["kk", "ru"];
export const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

export function isLanguage(value: unknown): value is Language {
  return value === "kk" || value === "ru";
}

type Resource = Record<string, unknown>;

export function readLocale(language: Language, dir = LOCALES_DIR): Resource {
  const folder = join(dir, language);
  const files = readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort();
  return Object.fromEntries(
    files.map((file) => [
      basename(file, ".json"),
      JSON.parse(readFileSync(join(folder, file), "utf8")),
    ]),
  );
}

const instance = i18next.createInstance();

/** Keys asked for but missing in a language: the tests fail if any shows up. */
export const missingKeys = new Set<string>();
let ready: Promise<unknown> | undefined;

/** Loads both languages once; safe to call from every bot factory. */
export function initI18n(): Promise<unknown> {
  ready ??= init();
  return ready;
}

function init(): Promise<unknown> {
  const initialized = instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readLocale(l) }])),
    lng: "kk",
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    returnNull: false,
    // A missing key would reach a person as "lists.status.draft": record it instead.
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) => {
      for (const language of languages) missingKeys.add(`${language}:${key}`);
    },
    // Our texts go to Telegram as HTML: parameters are escaped by us where they are
    // put into markup (see escapeHtml), not by i18next, which would escape quotes too.
    interpolation: { escapeValue: false },
  });
  // «{{date, dative}}»: Kazakh puts a deadline before «дейін» in the dative, in words.
  instance.services.formatter?.add("dative", (value, language) =>
    language === "kk" ? kkDateDative(value) : String(value),
  );
  return initialized;
}

export function translator(language: Language): TFunction {
  void initI18n();
  return instance.getFixedT(language);
}

/**
 * Translates a key that comes from data rather than from code (an outbox row, a
 * problem code from a service), so the compiler cannot check it. A key missing in
 * a language still reaches `missingKeys` and fails the tests.
 */
export function translateKey(t: TFunction, key: string, options?: Record<string, unknown>): string {
  return (t as (key: string, options?: Record<string, unknown>) => string)(key, options);
}

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
