// The lists as the year really goes (items 7, 8, 9): a consolidated list approved
// on 30 November, then a district list sent on 10 December and accepted on 11
// December — its people reach the approved list only by an amendment the regional
// coordinator confirms with a reason; and a region that comes to its 2027 lists
// only on 5 January 2027 — both years' lists are reachable, the late ones are
// marked late, and the region can still send people to training in 2027.
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planReminders } from "../../bot/reminders/planner.js";
import { routes } from "../../bot/routes/index.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  districtOf,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const SEMEY = 9301;
const ABAI_DISTRICT = 9302;
const ABAI_REGIONAL = 9300;
const AKMOLA_DISTRICT = 9401;
const AKMOLA_REGIONAL = 9400;
const LATE_EMPLOYEE = 9501;
const AKMOLA_EMPLOYEE = 20_951; // Көкшетауов, on the Akmola district list sent in January
const REMOVED_EMPLOYEE = 9502; // Ағатаев, taken off the approved list
let app: TestBot;
let abaiRegion: number;
let akmolaRegion: number;
let akmolaDistrictName: string;
const ids: Record<string, number> = {};

async function pdfText(bytes: Buffer | undefined): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes ?? Buffer.alloc(0)));
  return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
}

beforeAll(async () => {
  app = await startTestBot();
  app.clock.set("2026-10-20T10:00:00+05:00");
  const db = app.deps.db;
  const semey = await unitId(db, KATO.semeyCity);
  const abaiDistrict = await unitId(db, KATO.abaiDistrict);
  abaiRegion = await unitId(db, KATO.abaiRegion);
  akmolaRegion = await unitId(db, KATO.akmolaRegion);
  const akmolaDistrict = await districtOf(db, KATO.akmolaRegion);
  akmolaDistrictName = (
    await db
      .selectFrom("units")
      .select("name_ru")
      .where("id", "=", akmolaDistrict)
      .executeTakeFirstOrThrow()
  ).name_ru;
  await grantRole(db, SEMEY, "district_coordinator", { unitId: semey });
  await grantRole(db, ABAI_DISTRICT, "district_coordinator", { unitId: abaiDistrict });
  await grantRole(db, ABAI_REGIONAL, "regional_coordinator", { unitId: abaiRegion });
  await grantRole(db, AKMOLA_DISTRICT, "district_coordinator", { unitId: akmolaDistrict });
  await grantRole(db, AKMOLA_REGIONAL, "regional_coordinator", { unitId: akmolaRegion });
  for (const id of [SEMEY, ABAI_DISTRICT, ABAI_REGIONAL, AKMOLA_DISTRICT, AKMOLA_REGIONAL])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  const employee = async (name: string, unit: number, telegramId?: number) => {
    ids[name] = await createEmployee(db, {
      unitId: unit,
      lastName: name,
      firstName: "Тест",
      patronymic: null,
      telegramId,
    });
    if (telegramId) await app.sim.user({ id: telegramId, language_code: "ru" }).send("/start");
  };
  await employee("Ағатаев", semey, REMOVED_EMPLOYEE);
  await employee("Бекова", semey);
  await employee("Жақыпов", abaiDistrict, LATE_EMPLOYEE);
  await employee("Облыстық", abaiRegion);
  await employee("Көкшетауов", akmolaDistrict, AKMOLA_EMPLOYEE);
  const provider = await createProvider(db);
  await createCohort(db, { providerId: provider, startsOn: "2027-02-01", endsOn: "2027-02-10" });
});
afterAll(() => app.database.close());

async function as(id: number) {
  const user = app.sim.user({ id, language_code: "ru" });
  await user.send("/menu");
  return user;
}

/** The audit actions recorded on one list, in order. */
async function auditOf(listId: number): Promise<string[]> {
  const rows = await app.deps.db
    .selectFrom("audit_log")
    .select("action")
    .where("entity", "=", "list")
    .where("entity_id", "=", String(listId))
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

async function consolidatedId(region: number, year: number): Promise<number> {
  const row = await app.deps.db
    .selectFrom("lists")
    .select("id")
    .where("unit_id", "=", region)
    .where("year", "=", year)
    .where("kind", "=", "regional")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("a district list accepted after the consolidated list was approved (item 8)", () => {
  it("the consolidated list is approved on 30 November with the lists accepted by then", async () => {
    const semey = await as(SEMEY);
    await semey.press("📋 Список на обучение");
    await semey.press("📤 Направить список");
    app.clock.set("2026-11-20T10:00:00+05:00");
    const regional = await as(ABAI_REGIONAL);
    await regional.press("🗂 Списки районов");
    await regional.press("Город Семей");
    await regional.press("✅ Принять");
    // Another region opens its 2027 consolidated list and leaves it a draft over New Year.
    const akmola = await as(AKMOLA_REGIONAL);
    await akmola.press("📋 Сводный список");
    expect(akmola.lastText()).toContain("Сводный список на 2027 год");
    app.clock.set("2026-11-30T16:00:00+05:00");
    await regional.send("/menu");
    await regional.press("📋 Сводный список");
    await regional.press("✅ Утвердить сводный список");
    expect(regional.lastText()).toContain("Сводный список утверждён, в нём 3 человека");
  });

  it("a district list sent on 10 December and accepted on 11 December is not on the approved list until amended", async () => {
    app.clock.set("2026-12-10T10:00:00+05:00");
    const district = await as(ABAI_DISTRICT);
    await district.press("📋 Список на обучение");
    await district.press("📤 Направить список");
    expect(district.lastText()).toContain("после установленного срока");

    app.clock.set("2026-12-11T11:00:00+05:00");
    const regional = await as(ABAI_REGIONAL);
    await regional.press("🗂 Списки районов");
    await regional.press("Абайский район");
    await regional.press("✅ Принять");
    expect(regional.lastText()).toContain("Список принят: Абайский район.");
    expect(regional.lastText()).toContain(
      "Сводный список на 2027 год уже утверждён: работники этого списка (1) не входят в него, пока в сводный список не внесено изменение.",
    );
    expect(regional.inlineButtons()).toContain("➕ Внести в сводный список");

    // Nobody of that list can be sent to training yet, and the approved list did not change.
    await regional.send("/menu");
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    expect(regional.inlineButtons()).toContain("☐ Бекова Тест");
    expect(regional.inlineButtons()).not.toContain("☐ Жақыпов Тест");
    await regional.send("/cancel");
    const consolidated = await consolidatedId(abaiRegion, 2027);
    expect(await auditOf(consolidated)).toEqual(["list.create", "list.approve"]);

    // The consolidated list's screen says so too, and leads to that district list.
    await regional.send("/menu");
    await regional.press("📋 Сводный список");
    expect(regional.lastText()).toContain("В списке 3 человека");
    expect(regional.lastText()).toContain(
      "Приняты после утверждения, в сводный список не внесены: Абайский район (1)",
    );
    await regional.press("Абайский район");
    expect(regional.inlineButtons()).toContain("➕ Внести в сводный список");
  });

  it("the regional coordinator amends the approved list with a reason; the district and the people are told", async () => {
    const regional = await as(ABAI_REGIONAL);
    await regional.press("🗂 Списки районов");
    await regional.press("Абайский район");
    const amendMessage = regional.lastMessage.message_id;
    await regional.press("➕ Внести в сводный список");
    expect(regional.lastText()).toContain(
      "Напишите причину изменения утверждённого сводного списка",
    );
    await regional.send("  ");
    expect(regional.lastText()).toContain("Ответьте текстом");
    await regional.send("Список района принят после утверждения");
    expect(regional.lastText()).toBe(
      "✅ В утверждённый сводный список внесено изменение: добавлено работников — 1. Причина сохранена в журнале, район и работники уведомлены.",
    );
    expect(regional.inlineButtons()).toContain("‹ Назад");

    const consolidated = await consolidatedId(abaiRegion, 2027);
    expect(await auditOf(consolidated)).toEqual(["list.create", "list.approve", "list.amend_add"]);
    const amendment = await app.deps.db
      .selectFrom("list_amendments")
      .selectAll()
      .where("list_id", "=", consolidated)
      .executeTakeFirstOrThrow();
    expect(amendment).toMatchObject({
      employee_id: ids.Жақыпов,
      kind: "add",
      reason: "Список района принят после утверждения",
      amended_by: ABAI_REGIONAL,
    });
    const district = app.sim.user({ id: ABAI_DISTRICT, language_code: "ru" });
    expect(district.lastText()).toContain(
      "В утверждённый сводный список на 2027 год внесено изменение — включение: Жақыпов Тест. Причина: Список района принят после утверждения",
    );
    const employee = app.sim.user({ id: LATE_EMPLOYEE, language_code: "ru" });
    expect(employee.lastText()).toContain(
      "Вы включены в утверждённый сводный список работников, подлежащих повышению квалификации в 2027 году.",
    );

    // A second press of the same button changes nothing and says who did it, and when.
    const consolidatedNow = await consolidatedId(abaiRegion, 2027);
    const lateList = await app.deps.db
      .selectFrom("lists")
      .select("id")
      .where("kind", "=", "district")
      .where("submitted_by", "=", ABAI_DISTRICT)
      .executeTakeFirstOrThrow();
    await regional.pressCallbackData(
      routes.districtListTakeIn.pack({
        grant: { role: "regional_coordinator", unitId: abaiRegion },
        list: lateList.id,
      }),
      amendMessage,
    );
    expect(regional.lastText()).toContain("Это уже сделано: User 9300, 11.12.2026");
    expect(await auditOf(consolidatedNow)).toHaveLength(3);

    // Now the person can be sent to training.
    await regional.send("/menu");
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    expect(regional.inlineButtons()).toContain("☐ Жақыпов Тест");
    await regional.send("/cancel");
  });

  it("a person is taken off the approved list by an amendment; the files show both amendments and their dates", async () => {
    app.clock.set("2027-01-12T10:00:00+05:00");
    const regional = await as(ABAI_REGIONAL);
    await regional.press("📋 Сводный список");
    // The 2027 list is approved: the screen opens on 2028's, and 2027's is a press away.
    expect(regional.lastText()).toContain("Сводный список на 2028 год");
    await regional.press("📋 2027");
    expect(regional.lastText()).toContain("Сводный список на 2027 год");
    expect(regional.lastText()).toContain("Изменений после утверждения: 1");
    await regional.press("📋 Посмотреть список");
    const row = regional
      .lastText()
      .split("\n")
      .find((l) => l.includes("Ағатаев"))
      ?.split(".")[0];
    await regional.press(`✖ ${row}`);
    await regional.send("Уволился 10.01.2027");
    expect(regional.lastText()).toBe(
      "✅ В утверждённый список внесено изменение, причина сохранена в журнале.",
    );
    const semey = app.sim.user({ id: SEMEY, language_code: "ru" });
    expect(semey.lastText()).toContain(
      "внесено изменение — исключение: Ағатаев Тест. Причина: Уволился 10.01.2027",
    );
    const employee = app.sim.user({ id: REMOVED_EMPLOYEE, language_code: "ru" });
    expect(employee.lastText()).toContain("Вы исключены из утверждённого сводного списка");

    // The district's accepted list is its own record and stays as it was sent.
    const semeyEntry = await app.deps.db
      .selectFrom("list_entries as le")
      .innerJoin("lists as l", "l.id", "le.list_id")
      .select("le.removed_at")
      .where("l.kind", "=", "district")
      .where("le.employee_id", "=", ids.Ағатаев ?? 0)
      .executeTakeFirstOrThrow();
    expect(semeyEntry.removed_at).toBeNull();

    await regional.send("/menu");
    await regional.press("📋 Сводный список");
    await regional.press("📋 2027");
    await regional.press("PDF");
    const text = await pdfText(regional.lastMessage.document?.bytes);
    expect(text).toContain("Изменения утверждённого списка");
    expect(text).toContain("11.12.2026");
    expect(text).toContain("Жақыпов Тест");
    expect(text).toContain("Список района принят после утверждения");
    expect(text).toContain("12.01.2027");
    expect(text).toContain("Уволился 10.01.2027");
    expect(text).not.toContain("Ағатаев Тест — "); // not among the list's rows any more

    await regional.press("XLSX");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(regional.lastMessage.document?.bytes as unknown as ArrayBuffer);
    const sheets: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        sheets.push((row.values as unknown[]).join(" | "));
      }),
    );
    expect(sheets.join("\n")).toContain("Изменения утверждённого списка");
    expect(sheets.join("\n")).toContain("Уволился 10.01.2027");
  });

  it("the database refuses a change of an approved consolidated list without an amendment", async () => {
    const consolidated = await consolidatedId(abaiRegion, 2027);
    await expect(
      app.deps.db
        .updateTable("list_entries")
        .set({ removed_at: new Date(), removal_reason: "без изменения" })
        .where("list_id", "=", consolidated)
        .where("removed_at", "is", null)
        .execute(),
    ).rejects.toThrow(/amendment/);
    await expect(
      app.deps.db
        .insertInto("list_entries")
        .values({ list_id: consolidated, employee_id: ids.Ағатаев ?? 0, reason: "due" })
        .onConflict((oc) =>
          oc.columns(["list_id", "employee_id"]).doUpdateSet({ removed_at: null }),
        )
        .execute(),
    ).rejects.toThrow(/amendment/);
  });
});

describe("lists across New Year (items 7, 8, 9)", () => {
  it("on 1 January 2027 the region whose 2027 list is still a draft is reminded, with a button to that list", async () => {
    app.clock.set("2027-01-01T10:00:00+05:00");
    await planReminders(app.deps.db, app.clock.now());
    const regional = await as(AKMOLA_REGIONAL);
    const reminder = regional.messages.find((m) => m.text?.includes("ещё не утверждён, срок"));
    expect(reminder?.text).toBe(
      "⏰ Сводный список на 2027 год ещё не утверждён, срок (01.12.2026) прошёл. Пока он не утверждён, работников нельзя направить на обучение в 2027 году. Утвердить его можно и сейчас — он будет отмечен как утверждённый после установленного срока.",
    );
    expect(
      app.sim.user({ id: ABAI_REGIONAL, language_code: "ru" }).texts().join("\n"),
    ).not.toContain("ещё не утверждён, срок");
    await regional.pressCallbackData(
      routes.listOfYear.pack({
        grant: { role: "regional_coordinator", unitId: akmolaRegion },
        year: 2027,
      }),
      reminder?.message_id ?? 0,
    );
    expect(regional.lastText()).toContain("Сводный список на 2027 год");
  });

  it("on 5 January 2027 a district reaches its 2027 list beside 2028's and sends it marked late", async () => {
    app.clock.set("2027-01-05T10:00:00+05:00");
    const district = await as(AKMOLA_DISTRICT);
    await district.press("📋 Список на обучение");
    expect(district.lastText()).toContain(
      "Список работников, подлежащих повышению квалификации, на 2028 год",
    );
    expect(district.lastText()).toContain("Срок: до 01.11.2027");
    expect(district.inlineButtons()).toContain("📋 2027");
    await district.press("📋 2027");
    expect(district.lastText()).toContain("на 2027 год");
    expect(district.lastText()).toContain("Срок: 01.11.2026");
    expect(district.inlineButtons()).toContain("📋 2028");
    await district.press("📋 Посмотреть список");
    expect(district.lastText()).toContain("Көкшетауов Тест");
    await district.press("‹ Назад");
    await district.press("📤 Направить список");
    expect(district.lastText()).toContain("после установленного срока");
    const list = await app.deps.db
      .selectFrom("lists")
      .selectAll()
      .where("kind", "=", "district")
      .where("year", "=", 2027)
      .where("submitted_by", "=", AKMOLA_DISTRICT)
      .executeTakeFirstOrThrow();
    expect(list).toMatchObject({ status: "submitted", late: true });
  });

  it("on 5 January 2027 the region accepts it, approves its 2027 consolidated list (late) and sends people to a February cohort", async () => {
    const regional = await as(AKMOLA_REGIONAL);
    await regional.press("📋 Сводный список");
    expect(regional.lastText()).toContain("Сводный список на 2027 год");
    expect(regional.inlineButtons()).toContain("📋 2028");
    await regional.press("🗂 Списки районов");
    expect(regional.lastText()).toContain("Списки районов на 2027 год");
    await regional.press(akmolaDistrictName);
    await regional.press("✅ Принять");
    expect(regional.lastText()).toContain("Список принят");
    await regional.send("/menu");
    await regional.press("📋 Сводный список");
    await regional.press("✅ Утвердить сводный список");
    expect(regional.lastText()).toContain("утверждён после 1 декабря");
    const list = await app.deps.db
      .selectFrom("lists")
      .selectAll()
      .where("unit_id", "=", akmolaRegion)
      .where("kind", "=", "regional")
      .executeTakeFirstOrThrow();
    expect(list).toMatchObject({ year: 2027, status: "approved", late: true });

    await regional.send("/menu");
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    expect(regional.lastText()).not.toContain("ещё не утверждён");
    expect(regional.inlineButtons()).toContain("☐ Көкшетауов Тест");
    await regional.send("/cancel");

    // The employee sees this year's list beside the coming year's.
    const employee = app.sim.user({ id: AKMOLA_EMPLOYEE, language_code: "ru" });
    await employee.send("/menu");
    await employee.press("📅 Срок повышения квалификации");
    expect(employee.lastText()).toContain(
      "Вы включены в список работников, подлежащих повышению квалификации на 2027 год (статус списка: утверждён)",
    );
    // Still due, so the rules also propose them for the 2028 list that is being formed.
    expect(employee.lastText()).toContain(
      "Вы включены в список работников, подлежащих повышению квалификации на 2028 год (статус списка: черновик)",
    );

    // The coming year's list is still there to form, with its own year in its title.
    await regional.send("/menu");
    await regional.press("📋 Сводный список");
    await regional.press("📋 2028");
    expect(regional.lastText()).toContain("Сводный список на 2028 год");
    expect(regional.lastText()).toContain("Статус: черновик");
    expect(regional.inlineButtons()).toContain("✅ Утвердить сводный список");
  });

  it("a list of a year gone by is closed: its stale button says so and leads back", async () => {
    app.clock.set("2028-01-03T10:00:00+05:00");
    const regional = await as(AKMOLA_REGIONAL);
    await regional.press("📋 Сводный список");
    expect(regional.lastText()).toContain("Сводный список на 2028 год");
    expect(regional.inlineButtons()).toContain("📋 2029");
    expect(regional.inlineButtons()).not.toContain("📋 2027");
    // A button of 2027's list, pressed in 2028, says the list is closed and leads back.
    await regional.pressCallbackData(
      routes.listOfYear.pack({
        grant: { role: "regional_coordinator", unitId: akmolaRegion },
        year: 2027,
      }),
      regional.lastMessage.message_id,
    );
    expect(regional.lastText()).toBe(
      "Список на 2027 год закрыт: открыты только списки текущего и следующего годов.",
    );
    expect(regional.inlineButtons()).toEqual(["‹ Назад"]);
  });
});
