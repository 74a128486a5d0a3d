// The cohort in the phone's calendar: an employee sent to training gets a .ics file
// with the enrolment notice and under "🎓 My cohort" — the cohort's days as Almaty
// dates, the organization and the form, a reminder at 09:00 the day before — and a
// new one when the organization moves the cohort's dates, replacing the old event.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveConsolidated } from "../../bot/services/consolidated-list.js";
import { openList } from "../../bot/services/lists.js";
import type { SimMessage } from "../simulator/bot-api.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const PROVIDER = 9801;
const REGIONAL = 9802;
const EMPLOYEE = 9803;
let app: TestBot;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  const providerId = await createProvider(db, "ҰБО");
  const region = await unitId(db, KATO.abaiRegion);
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  await createEmployee(db, {
    unitId: region,
    telegramId: EMPLOYEE,
    lastName: "Жақыпова",
    firstName: "Әсел",
  });
  await createCohort(db, {
    providerId,
    startsOn: "2027-02-01",
    endsOn: "2027-02-12",
    scheduleText: "Семей қ., Абай к-сі, 1, 204-аудитория",
  });
  for (const id of [PROVIDER, REGIONAL, EMPLOYEE])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  const approvedAt = new Date("2026-11-28T10:00:00+05:00");
  const list = await openList(db, region, 2027, "regional", REGIONAL, approvedAt);
  await approveConsolidated(db, list.id, 2027, REGIONAL, approvedAt);
  app.clock.set("2027-01-10T10:00:00+05:00");
});
afterAll(() => app.database.close());

function calendarOf(message: SimMessage | undefined) {
  expect(message?.document?.file_name).toMatch(/\.ics$/);
  const text = message?.document?.bytes.toString("utf8") ?? "";
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no event in the calendar file");
  const event = new ICAL.Event(vevent);
  const alarm = vevent.getFirstSubcomponent("valarm");
  return { text, calendar, event, alarm };
}

describe("the cohort's calendar file", () => {
  it("comes with the enrolment notice: the cohort's days in Almaty, the organization, a reminder the day before", async () => {
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.send("/menu");
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    await regional.press("☐ Жақыпова Әсел");
    await regional.press("Далее (1) ›");
    await regional.press("Номер и дата приказа ›");
    await regional.send("47-ө");
    await regional.send("10.01.2027");

    const employee = app.sim.user({ id: EMPLOYEE, language_code: "ru" });
    const notice = employee.lastMessage;
    // The notice is the file's caption: one message, with its buttons.
    expect(employee.lastText()).toContain("Вы направлены на повышение квалификации");
    expect(employee.inlineButtons()).toContain("🎓 Мой поток");
    const { calendar, event, alarm } = calendarOf(notice);
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Asia/Almaty");
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2027-02-01");
    // An all-day event ends on the day after its last day.
    expect(event.endDate.toString()).toBe("2027-02-13");
    expect(event.summary).toBe("Повышение квалификации: «Защита прав детей: современные подходы»");
    expect(event.location).toBe("НОЦ «Центр защиты прав детей»");
    expect(event.description).toContain("Очное обучение");
    expect(event.description).toContain("Семей қ., Абай к-сі, 1, 204-аудитория");
    // 15 hours before midnight of the first day: 09:00 (Almaty) on 31 January.
    const trigger = alarm?.getFirstPropertyValue("trigger") as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-15 * 3600);
    const remindAt = event.startDate.clone();
    remindAt.isDate = false; // midnight at the start of the first day
    remindAt.addDuration(trigger);
    expect(remindAt.toString()).toBe("2027-01-31T09:00:00");
  });

  it("is under 🎓 My cohort too", async () => {
    const employee = app.sim.user({ id: EMPLOYEE, language_code: "ru" });
    await employee.send("/menu");
    await employee.press("🎓 Мой поток");
    expect(employee.lastText()).toContain("Сроки обучения: 01.02.2027 – 12.02.2027");
    const file = employee.messages.at(-2);
    expect(file?.caption).toContain("Файл для календаря телефона");
    expect(calendarOf(file).event.startDate.toString()).toBe("2027-02-01");
  });

  it("is sent again when the cohort's dates change, and replaces the event", async () => {
    const employee = app.sim.user({ id: EMPLOYEE, language_code: "ru" });
    const before = calendarOf(
      employee.messages.findLast((m) => m.document?.file_name?.endsWith(".ics")),
    );

    app.clock.set("2027-01-12T11:00:00+05:00");
    const provider = app.sim.user({ id: PROVIDER, language_code: "ru" });
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("✏️ Начало");
    await provider.send("08.02.2027");
    expect(provider.lastText()).toBe("✅ Сохранено.");

    expect(employee.lastText()).toContain("Сроки обучения изменились");
    expect(employee.lastText()).toContain("08.02.2027 – 12.02.2027");
    const after = calendarOf(employee.lastMessage);
    expect(after.event.startDate.toString()).toBe("2027-02-08");
    expect(after.event.uid).toBe(before.event.uid);
    expect(after.event.sequence).toBeGreaterThan(before.event.sequence);
  });
});
