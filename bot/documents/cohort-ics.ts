// The cohort as a calendar file (.ics, RFC 5545) that phone calendars open with one
// tap: one all-day event over the cohort's days — Almaty calendar dates, the
// calendar marked Asia/Almaty —, the organization and the form (or, for full-time
// study, where it happens), and a reminder at 09:00 the day before it starts.
// The UID is the cohort's, and SEQUENCE grows with each change, so a file sent again
// after the dates move updates the event instead of adding a second one.
import type * as Ics from "ics";
import type { EventAttributes } from "ics";
import type { CohortForm, IsoDate, Language } from "../../db/types.js";
import { onFirstUse } from "../core/lazy.js";
import { addDays, formatDate } from "../rules/index.js";

const loadIcs = onFirstUse<typeof Ics>("ics");

const TEXTS = {
  kk: {
    title: (program: string) => `Біліктілікті арттыру: «${program}»`,
    remote: "Қашықтан оқыту",
    fullTime: "Күндізгі оқыту",
    organization: "Ұйым",
    dates: "Оқу мерзімі",
    hours: (n: number) => `Көлемі: ${n} академиялық сағат`,
    schedule: "Сабақ кестесі",
    reminder: (program: string) => `Ертең біліктілікті арттыру басталады: «${program}»`,
    file: "оқу-легі",
  },
  ru: {
    title: (program: string) => `Повышение квалификации: «${program}»`,
    remote: "Дистанционное обучение",
    fullTime: "Очное обучение",
    organization: "Организация",
    dates: "Сроки обучения",
    hours: (n: number) => `Объём: ${n} акад. ч.`,
    schedule: "Расписание занятий",
    reminder: (program: string) => `Завтра начинается повышение квалификации: «${program}»`,
    file: "поток",
  },
} as const;

const dateArray = (date: string): [number, number, number] => {
  const [y = 0, m = 0, d = 0] = date.split("-").map(Number);
  return [y, m, d];
};

/** What the calendar file draws: services/cohort-calendar.ts reads it for a cohort. */
export interface CohortCalendar {
  cohortId: number;
  /** When the cohort last changed: the calendar event's version. */
  updatedAt: Date;
  program: { kk: string; ru: string };
  provider: { kk: string; ru: string };
  form: CohortForm;
  remoteBasis: string | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
  academicHours: number;
  scheduleText: string | null;
}

/** Seconds since 2026 (fits SEQUENCE's integer): later changes give larger numbers. */
const version = (at: Date) => Math.max(0, Math.floor((at.getTime() - Date.UTC(2026, 0, 1)) / 1000));

export function cohortIcs(
  cohort: CohortCalendar,
  language: Language,
): { bytes: Buffer; fileName: string } {
  const t = TEXTS[language];
  const program = cohort.program[language];
  const provider = cohort.provider[language];
  const form = cohort.form === "remote" ? t.remote : t.fullTime;
  const event: EventAttributes = {
    uid: `cohort-${cohort.cohortId}@biliktilik-bot`,
    sequence: version(cohort.updatedAt),
    title: t.title(program),
    start: dateArray(cohort.startsOn),
    // All-day events end on the day after the last one (RFC 5545).
    end: dateArray(addDays(cohort.endsOn, 1)),
    location: cohort.form === "remote" ? `${t.remote} · ${provider}` : provider,
    description: [
      `${t.organization}: ${provider}`,
      form,
      `${t.dates}: ${formatDate(cohort.startsOn)} – ${formatDate(cohort.endsOn)}`,
      t.hours(cohort.academicHours),
      ...(cohort.scheduleText ? [`${t.schedule}: ${cohort.scheduleText}`] : []),
    ].join("\n"),
    status: "CONFIRMED",
    busyStatus: "BUSY",
    // Midnight of the first day less 15 hours: 09:00 the day before.
    alarms: [
      { action: "display", description: t.reminder(program), trigger: { hours: 15, before: true } },
    ],
  };
  const { error, value } = loadIcs().createEvents([event], {
    productId: "-//Biliktilik//Cohort calendar//KK-RU",
    method: "PUBLISH",
    calName: t.title(program),
  });
  if (error || !value) throw error ?? new Error("calendar file not made");
  // The calendar's time zone: Kazakhstan's single zone (UTC+5), for apps that show it.
  const text = value.replace("BEGIN:VEVENT", "X-WR-TIMEZONE:Asia/Almaty\r\nBEGIN:VEVENT");
  return { bytes: Buffer.from(text, "utf8"), fileName: `${t.file}-${cohort.startsOn}.ics` };
}
