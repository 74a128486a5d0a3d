// The page's texts in the person's language, sent with /api/me: `webapp.json` and
// each role's `webapp_<role>.json` under its name, so `t("district.register.title")`;
// `t("common.total", { total: 3 })` fills {{total}}.
let texts = {};
export let language = "kk";

export function setTexts(lang, values) {
  language = lang;
  texts = values ?? {};
  document.documentElement.lang = lang;
}

export function t(key, params = {}) {
  const value = key.split(".").reduce((node, part) => node?.[part], texts);
  if (typeof value !== "string") return key;
  return value.replace(/\{\{(\w+)\}\}/g, (_, name) => String(params[name] ?? ""));
}

/** 2026-12-06 → 06.12.2026, as in the chat and the documents. */
export function formatDate(iso) {
  if (!iso) return "";
  const [y, m, d] = String(iso).slice(0, 10).split("-");
  return `${d}.${m}.${y}`;
}

/** An instant as "06.12.2026 14:05", Almaty time, as in the chat. */
export function formatDateTime(iso) {
  if (!iso) return "";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Almaty",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}
