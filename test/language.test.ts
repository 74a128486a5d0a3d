// The language review's defects, as checks that fail if one comes back: Kazakh stems
// with the wrong consonant before a suffix, Latin letters inside Cyrillic words,
// «(а)» gender forms, Russian counts without plural keys, Kazakh plural nouns after a
// numeral, button labels a phone cuts off, and keys or placeholders that differ.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TEXTS } from "../bot/documents/texts.js";
import { initI18n, readLocale, translator } from "../bot/i18n/index.js";
import { kkDateDative, kkDative } from "../bot/i18n/kazakh.js";
import { latinLookalikes, numberSkeleton, numberTail } from "../bot/i18n/lookalikes.js";
import { sexFromIin } from "../bot/rules/index.js";
import { BUTTON_MAX_CHARS, fitButton } from "../bot/telegram/features/menus.js";

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      for (const [k, v] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

const kk = flatten(readLocale("kk"));
const ru = flatten(readLocale("ru"));
const both = [...[...kk].map(([k, v]) => ["kk", k, v]), ...[...ru].map(([k, v]) => ["ru", k, v])];

const PLURAL = /_(zero|one|two|few|many|other)$/;
// i18next contexts the code passes: a reminder one day ahead reads «завтра».
const CONTEXT = /_(tomorrow)$/;
const baseKey = (key: string) => key.replace(PLURAL, "").replace(CONTEXT, "");

// The words printed on documents, with sample values, checked like the locale texts.
function documentTexts(): string[] {
  return Object.values(TEXTS).flatMap((t) => [
    ...t.certificateBody("Аты Жөні", "40", "male"),
    ...t.certificateBody("Аты Жөні", "40", "female"),
    t.statementBody("Аты Жөні", "Бағдарлама", "01.01.2026", "12.01.2026", "40", "male"),
    t.statementBody("Аты Жөні", "Бағдарлама", "01.01.2026", "12.01.2026", "40", "female"),
    t.issuedOn("29", "сәуір", "2026"),
    t.verify("https://t.me/bot?start=v-X", "K7QF-3MZX-P2AH"),
    ...t.statementTitle,
    t.head,
    t.replaced,
    t.revoked,
  ]);
}

describe("Kazakh grammar", () => {
  // Stems of the project's own words that end in к/қ/п: before a vowel the consonant
  // softens (лек → легі, тармақ → тармағы, себеп → себебі), before a consonant it
  // stays (лекке, лектер, тармақтың). Each entry: [hard stem, soft stem].
  const STEMS: Array<[string, string]> = [
    ["лек", "лег"],
    ["тармақ", "тармағ"],
    ["бұйрық", "бұйрығ"],
    ["сабақ", "сабағ"],
    ["кезек", "кезег"],
    ["себеп", "себеб"],
    ["тілек", "тілег"],
  ];
  const VOWEL = "аәеиоөуұүыіэюя";
  const LETTER = "а-яёәғқңөұүһі";

  it("keeps к/қ/п before a consonant and softens it before a vowel", () => {
    const wrong: string[] = [];
    for (const [key, text] of kk) {
      for (const [hard, soft] of STEMS) {
        const softBeforeConsonant = new RegExp(`(?<![${LETTER}])${soft}(?![${VOWEL}])`, "iu");
        const hardBeforeVowel = new RegExp(`(?<![${LETTER}])${hard}(?=[${VOWEL}])`, "iu");
        if (softBeforeConsonant.test(text) || hardBeforeVowel.test(text)) wrong.push(key);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("writes «бос орны» and «келісімнің шарттары»", () => {
    const wrong = [...kk].filter(([, v]) => /бос орыны|келісім шарт/i.test(v)).map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it("puts a date before «дейін» in the dative, in words", async () => {
    const bare = [...kk]
      .filter(([, v]) => /(\{\{\w+\}\}|\d{2}\.\d{2}\.\d{4})(<\/b>)?\s+дейін/.test(v))
      .map(([k]) => k);
    expect(bare).toEqual([]);
    expect(kkDative("қараша")).toBe("қарашаға");
    expect(kkDative("сәуір")).toBe("сәуірге");
    expect(kkDative("қыркүйек")).toBe("қыркүйекке");
    expect(kkDative("шілде")).toBe("шілдеге");
    expect(kkDateDative("01.11.2026")).toBe("2026 жылғы 1 қарашаға");
    await initI18n();
    expect(translator("kk")("lists.deadline", { date: "29.04.2028", days: 3 })).toBe(
      "Мерзімі: 2028 жылғы 29 сәуірге дейін (3 күн қалды)",
    );
  });

  it("keeps the noun singular after a numeral: every plural form has the same text", async () => {
    // The keys mirror Russian's (the locale folders keep the same keys); the text does not vary.
    const forms = new Map<string, Set<string>>();
    for (const [key, text] of kk)
      if (PLURAL.test(key)) {
        const base = key.replace(PLURAL, "");
        forms.set(base, (forms.get(base) ?? new Set()).add(text));
      }
    expect([...forms].filter(([, texts]) => texts.size > 1).map(([base]) => base)).toEqual([]);
    await initI18n();
    const t = translator("kk");
    for (const count of [1, 2, 5, 21]) {
      expect(t("lists.count", { count })).toBe(`Тізімде: ${count} адам`);
      expect(t("documents.checks", { count, dates: "…" })).toContain(`${count} рет`);
    }
    expect(t("documents.checked_once", { dates: "…" })).toContain("бір рет тексерілді");
  });
});

describe("Russian grammar", () => {
  it("has plural keys wherever a count meets a noun", () => {
    // A number placeholder followed by a word (not an abbreviation like «чел.», «мин.»).
    // Pairs whose values never end in 1–4 are listed: «на {{year}} год», «до {{max}} символов».
    const safe = new Set(["year год", "year году", "max символов"]);
    const numberThenNoun = /\{\{(\w+)\}\}(?:<\/b>)?\s+([а-яё]+)(?![а-яё]*\.)/giu;
    const missing: string[] = [];
    for (const [key, text] of ru) {
      if (PLURAL.test(key)) continue;
      for (const m of text.matchAll(numberThenNoun)) {
        const [, name, word] = m;
        if (!/^(count|days|hours|minutes|places|capacity|year|max|n)$/.test(name ?? "")) continue;
        if (!safe.has(`${name} ${word}`)) missing.push(`${key}: {{${name}}} ${word}`);
      }
      if (/\{\{\w+\}\}\s*дн\./.test(text)) missing.push(`${key}: дн.`);
    }
    expect(missing).toEqual([]);
  });

  it("gives every plural key all four Russian forms", () => {
    const bases = new Set([...ru.keys()].filter((k) => PLURAL.test(k)).map(baseKey));
    const incomplete = [...bases].filter((base) =>
      ["one", "few", "many", "other"].some((form) => !ru.has(`${base}_${form}`)),
    );
    expect(incomplete).toEqual([]);
  });

  it("declines counts, and says «завтра» for one day ahead", async () => {
    await initI18n();
    const t = translator("ru");
    const checks = (count: number) => t("documents.checks", { count, dates: "…" });
    expect(checks(21)).toContain("21 раз.");
    // One check is its own text (the _one form also serves 21): «один раз», no «Последние».
    expect(t("documents.checked_once", { dates: "…" })).toBe(
      "Ваш сертификат проверяли один раз: ….",
    );
    expect(checks(3)).toContain("3 раза.");
    expect(checks(5)).toContain("5 раз.");
    expect(checks(22)).toContain("22 раза.");
    expect(t("lists.count", { count: 1 })).toBe("В списке 1 человек");
    expect(t("lists.count", { count: 3 })).toBe("В списке 3 человека");
    expect(t("employee.cohort.hours", { count: 41 })).toContain("41 академический час ");
    expect(t("employee.cohort.hours", { count: 72 })).toContain("72 академических часа ");
    const start = { program: "П", from: "01.12.2026", to: "12.12.2026" };
    expect(t("reminders.cohort_start", { ...start, count: 7 })).toContain("через 7 дней");
    expect(t("reminders.cohort_start", { ...start, count: 1, context: "tomorrow" })).toContain(
      "начнётся завтра",
    );
    expect(
      translator("kk")("reminders.cohort_start", { ...start, count: 1, context: "tomorrow" }),
    ).toContain("ертең басталады");
  });
});

describe("every text", () => {
  it("has no «(а)» gender forms: the record says who the person is", () => {
    const slashForm = /[а-яё]\((а|на|ла|ло|ен|ена|ён|ёна|ы|и)\)/iu;
    // Every document's words, the personal-data PDF's and the order's among them.
    const documentsDir = fileURLToPath(new URL("../bot/documents", import.meta.url));
    const sources = readdirSync(documentsDir)
      .filter((name) => name.endsWith(".ts"))
      .flatMap((name) =>
        readFileSync(join(documentsDir, name), "utf8")
          .split("\n")
          .filter((line) => slashForm.test(line))
          .map((line) => `${name}: ${line.trim()}`),
      );
    const found = [
      ...both.filter(([, , v]) => slashForm.test(v ?? "")).map(([l, k]) => `${l}:${k}`),
      ...documentTexts().filter((text) => slashForm.test(text)),
      ...sources,
    ];
    expect(found).toEqual([]);
  });

  it("never mixes Latin and Cyrillic letters inside one word", () => {
    const mixed = /(?=[\p{L}]*[a-z])(?=[\p{L}]*[а-яёәғқңөұүһі])[\p{L}]+/iu;
    const found = [
      ...both
        .filter(([, , v]) => (v ?? "").split(/[^\p{L}]+/u).some((w) => mixed.test(w)))
        .map(([l, k]) => `${l}:${k}`),
      ...documentTexts().filter((text) => text.split(/[^\p{L}]+/u).some((w) => mixed.test(w))),
    ];
    expect(found).toEqual([]);
  });

  it("agrees the Russian verb on documents with the sex in the IIN", () => {
    const ruTexts = TEXTS.ru;
    expect(sexFromIin("900101300001")).toBe("male");
    expect(sexFromIin("900101400001")).toBe("female");
    expect(ruTexts.certificateBody("Ким Ольга", "40 академических часов", "female")[2]).toMatch(
      /^прошла /,
    );
    expect(ruTexts.certificateBody("Ким Олег", "40 академических часов", "male")[2]).toMatch(
      /^прошёл /,
    );
    expect(ruTexts.statementBody("Ким Ольга", "П", "a", "b", "40", "female")).toContain(
      "прослушала программу",
    );
  });
});

describe("buttons", () => {
  const visible = (text: string) => [...text.replace(/[\uFE0F\u200D]/g, "")].length;
  // Keys whose texts are button labels (full-width, one per row).
  const BUTTON_KEY =
    /^(?!errors\.).*(_button|_yes)$|^menu\.(?!role_menu|pick_role|no_role)|^employee\.menu\.|\.field\.|^employees\.form\.(skip|delete|open_card)$|^transfer\.(skip_button|coordinator_chooses|reason\.)|^cohorts\.(passed|failed|save_results|back_to_cohort|form\.)|^cohort\.remote_basis\.|^documents\.(other_language|\w+_label)$|^invites\.coordinator\.role_button\.|^language\.name$|^enrol\.show_all_button$|^lists\.open_button$|^conversation\.cancel_button$|^logo\.remove_button$|^access\.(buttons|menu)\.|^privacy\.(menu|log\.menu|log\.last_\d+)$|^head_orders\.menu$|^register\.all_time$/;
  // Keys the code puts on a keyboard: `.text(t("…"))`, `labelKey: "…"`, a menu item("…").
  // A key built from a template (`cohorts.field.${field}`) stands for every key under it.
  const codeButtonKeys = (): RegExp[] => {
    const found = new Set<string>();
    const patterns = [
      /\.text\(\s*(?:ctx\.)?t\(\s*["'`]([\w.${}]+)["'`]/g,
      /labelKey:\s*["'`]([\w.${}]+)["'`]/g,
      /(?:skipLabel|label):\s*(?:ctx\.)?t\(\s*["'`]([\w.${}]+)["'`]/g,
      /\bitem(?:<[^>]*>)?\(\s*["'`]([\w.]+)["'`]/g,
    ];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith(".ts"))
          for (const pattern of patterns)
            for (const m of readFileSync(path, "utf8").matchAll(pattern)) found.add(m[1] ?? "");
      }
    };
    walk(fileURLToPath(new URL("../bot", import.meta.url)));
    return [...found].map(
      (key) => new RegExp(`^${key.replace(/\./g, "\\.").replace(/\$\{\w+\}/g, "[\\w.]+")}$`),
    );
  };
  const inCode = codeButtonKeys();
  // The tables' texts (webapp*.json) label the page's own controls, not Telegram's buttons.
  const isButton = (key: string) =>
    !key.startsWith("webapp") && (BUTTON_KEY.test(key) || inCode.some((re) => re.test(key)));
  // The longest realistic values of the placeholders a label carries.
  const SAMPLE: Record<string, string> = {
    icon: "⛔",
    number: "ҰБО-2026-000017",
    date: "29.04.2026",
    count: "999",
  };

  it("are found in the code and in the key names alike", () => {
    // The code scan sees every keyboard; the pattern must know the keys it finds.
    const keys = [...kk.keys()].map(baseKey).filter((k) => inCode.some((re) => re.test(k)));
    expect(keys.length).toBeGreaterThan(80);
    expect(keys.filter((k) => !BUTTON_KEY.test(k))).toEqual([]);
  });

  it(`keep labels within ${BUTTON_MAX_CHARS} characters`, () => {
    const long = both
      .filter(([, key]) => isButton(key ?? ""))
      .map(([l, k, v]) => [
        `${l}:${k}`,
        (v ?? "").replace(/\{\{(\w+)\}\}/g, (_, name: string) => SAMPLE[name] ?? "…"),
      ])
      .filter(([, label]) => visible(label ?? "") > BUTTON_MAX_CHARS);
    expect(long).toEqual([]);
  });

  it("are quoted by their current label in every message that names one", () => {
    // A «…» quote that opens with a button's icon names a button: it must be a label of
    // the same language, as the button shows it now (transfer.employee_closed once sent
    // people to «📅 Біліктілікті арттыру мерзімім», a button that no longer existed).
    const wrong: string[] = [];
    for (const [language, map] of [
      ["kk", kk],
      ["ru", ru],
    ] as const) {
      const labels = [...map].filter(([key]) => isButton(key)).map(([, v]) => v);
      const asPattern = (label: string) =>
        new RegExp(
          `^${label
            .split(/\{\{\w+\}\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join(".+")}$`,
          "u",
        );
      const patterns = labels.map(asPattern);
      const icon = (text: string) => text.match(/^[^\p{L}\p{N}\s«»"'(<]+(?=\s)/u)?.[0];
      const icons = new Set(labels.map(icon).filter(Boolean));
      // A quote before «батырма…» / after «нажмите»/«кнопк…» names a button too; there the
      // words of the label are enough (the icon and a trailing › may be left out).
      const words = (label: string) =>
        label
          .replace(/^[^\p{L}\p{N}«]+\s/u, "")
          .replace(/\s*[›‹]$/u, "")
          .trim();
      const wordPatterns = labels.map((label) => asPattern(words(label)));
      const namesButton = /«([^«»]+)»(?=\s+батырма)|(?<=(?:нажмите|кнопк[а-я]*)\s+)«([^«»]+)»/gu;
      for (const [key, text] of map) {
        if (isButton(key)) continue;
        for (const m of text.matchAll(/«([^«»]+)»/g)) {
          const quote = (m[1] ?? "").replace(/<\/?b>/g, "");
          const first = icon(quote);
          if (!first || !icons.has(first)) continue;
          if (!patterns.some((re) => re.test(quote))) wrong.push(`${language}:${key}: «${quote}»`);
        }
        for (const m of text.matchAll(namesButton)) {
          const quote = words((m[1] ?? m[2] ?? "").replace(/<\/?b>/g, ""));
          if (!wordPatterns.some((re) => re.test(quote)))
            wrong.push(`${language}:${key}: «${quote}»`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("fit long unit names, important part first", () => {
    const label = fitButton("🏘 Ғабит Мүсірепов атындағы аудан");
    expect(visible(label)).toBeLessThanOrEqual(BUTTON_MAX_CHARS);
    expect(label.startsWith("🏘 Ғабит Мүсірепов")).toBe(true);
    expect(label.endsWith("…")).toBe(true);
  });
});

describe("one wording per status", () => {
  // docs/GLOSSARY.md: the charts, their captions and legends, the XLSX and the overviews
  // say each status, "total" and "late" in the same words as the lists.
  for (const [language, map] of [
    ["kk", kk],
    ["ru", ru],
  ] as const) {
    const get = (key: string) => map.get(key) ?? `<missing ${key}>`;
    it(`in ${language}`, () => {
      for (const status of ["upToDate", "dueThisYear", "overdue", "neverTrained"]) {
        const word = get(`charts.status.${status}`);
        expect(get("overview.legend")).toContain(word);
        expect(get("charts.caption_legend").toLowerCase()).toContain(word);
      }
      expect(get("charts.caption_total")).toBe(get("overview.total"));
      expect(get("charts.xlsx.total")).toBe(get("overview.total"));
      const late = get("lists.late");
      for (const key of [
        "charts.season.submitted_late",
        "charts.season.approved_late",
        "charts.season.caption_region",
        "charts.season.caption_national",
        "charts.xlsx.late",
        "charts.xlsx.count_late",
      ])
        expect(get(key).toLowerCase()).toContain(late);
      // "Never trained" in a person's row says what is missing: the legend's words and more.
      for (const key of ["lists.reason.never_trained", "reminders_screen.need.never_trained"])
        expect(get(key)).toContain(get("charts.status.neverTrained"));
    });
  }
});

describe("the /verify number as people type it", () => {
  it("folds Ұ/У/U, О/O, Қ/K and friends to one skeleton", () => {
    const printed = numberSkeleton("ҰБО-2026-000017");
    for (const typed of [
      "УБО-2026-000017",
      "UBO-2026-000017",
      "убо-2026-000017",
      "ҰБO-2026-000017",
    ])
      expect(numberSkeleton(typed)).toBe(printed);
    expect(numberSkeleton("ҚБО-2026-000017")).not.toBe(printed);
    expect(numberTail("UBO 2026 17")).toBe("-2026-000017");
    expect(latinLookalikes("К7QF-3МZХ-Р2АН")).toBe("K7QF-3MZX-P2AH");
  });
});

describe("Kazakh and Russian", () => {
  const bases = (map: Map<string, string>) => new Set([...map.keys()].map(baseKey));

  it("have the same keys, up to Russian plural forms", () => {
    const kkBases = bases(kk);
    const ruBases = bases(ru);
    expect([...kkBases].filter((k) => !ruBases.has(k))).toEqual([]);
    expect([...ruBases].filter((k) => !kkBases.has(k))).toEqual([]);
    // A context variant (…_tomorrow) exists in both languages.
    const contexts = (map: Map<string, string>) =>
      [...map.keys()].filter((k) => CONTEXT.test(k.replace(PLURAL, ""))).map(baseKey);
    expect(new Set(contexts(kk))).toEqual(new Set(contexts(ru)));
  });

  it("use the same placeholders in every form of a key", () => {
    const names = (text: string) =>
      [...new Set([...text.matchAll(/\{\{(\w+)(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort().join();
    const byBase = new Map<string, Set<string>>();
    for (const [, key, text] of both) {
      // Plural forms share the placeholders; a context variant («завтра») may drop the count.
      const base = (key ?? "").replace(PLURAL, "");
      const set = byBase.get(base) ?? new Set<string>();
      set.add(names(text ?? ""));
      byBase.set(base, set);
    }
    const unequal = [...byBase].filter(([, set]) => set.size > 1).map(([k]) => k);
    expect(unequal).toEqual([]);
  });
});
