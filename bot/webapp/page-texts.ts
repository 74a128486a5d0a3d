// The page's texts, sent with /app/api/me: `webapp.json` (what every screen shares),
// each role's `webapp_<role>.json` under its name (`district.register.title`), and the
// role names the chat uses. Read once per language.
import type { Language } from "../../db/types.js";
import { readLocale } from "../i18n/index.js";

const textsByLanguage = new Map<Language, Record<string, unknown>>();

export function pageTexts(language: Language): Record<string, unknown> {
  let texts = textsByLanguage.get(language);
  if (!texts) {
    const locale = readLocale(language) as Record<string, Record<string, unknown>>;
    texts = {
      ...locale.webapp,
      district: locale.webapp_district,
      region: locale.webapp_region,
      provider: locale.webapp_provider,
      admin: locale.webapp_admin,
      roles: locale.roles,
    };
    textsByLanguage.set(language, texts);
  }
  return texts;
}
