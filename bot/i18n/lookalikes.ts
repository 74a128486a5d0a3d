// People type what they see on paper with the keyboard they have. A Russian keyboard
// has no Ұ or Қ, a Latin one no Cyrillic at all, and О/O, К/K, Р/P look the same in
// print. Both the typed text and the stored one are folded to one skeleton, so
// «УБО-2026-000017», «UBO-2026-000017» and «ҰБО-2026-000017» all find the same number.

// Each group: the letters that a person may type for one another.
const GROUPS: readonly string[] = [
  "АӘAÄ",
  "БВBV",
  "ГҒG",
  "ДD",
  "ЕЁЭEË",
  "ЖJ",
  "ЗZ",
  "ИЙІIÍ1",
  "КҚKQ",
  "ЛL",
  "МM",
  "НҢNH",
  "ОӨOÖ0",
  "ПP",
  "РR",
  "СSC",
  "ТT",
  "УҰҮUYÚÜW",
  "ФF",
  "ХҺX",
];

const SKELETON = new Map<string, string>();
for (const group of GROUPS) {
  const [first = ""] = [...group];
  for (const letter of group) SKELETON.set(letter, first);
}

/** The skeleton of a certificate number: upper case, look-alikes folded, spaces dropped. */
export function numberSkeleton(text: string): string {
  return [...text.toUpperCase().replace(/[\s–—]/g, (c) => (c === " " ? "" : "-"))]
    .map((c) => SKELETON.get(c) ?? c)
    .join("");
}

/** "<prefix>-<year>-<serial>" → the part a look-up can match exactly: "-2026-000017". */
export function numberTail(text: string): string | null {
  const match = /[-–—\s](\d{4})[-–—\s]+(\d{1,6})\s*$/.exec(text.trim());
  return match ? `-${match[1]}-${(match[2] ?? "").padStart(6, "0")}` : null;
}

// The verification code is Crockford base-32 (Latin); a Russian keyboard gives the
// Cyrillic twins of its letters.
const CYRILLIC_TO_LATIN: Record<string, string> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  Қ: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  У: "Y",
};

/** A typed verification code with Cyrillic look-alikes replaced by their Latin letters. */
export function latinLookalikes(text: string): string {
  return [...text.toUpperCase()].map((c) => CYRILLIC_TO_LATIN[c] ?? c).join("");
}
