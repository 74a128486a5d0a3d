// The yearly lists (items 7, 8), as the coordinators live them: a district forms
// its list for 2027 from the rules, edits and submits it; the region returns it
// with a reason; the district corrects and resubmits; the region accepts it and
// approves the consolidated list; later changes are amendments with reasons.
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import {
  createEmployee,
  createProvider,
  grantRole,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const DISTRICT = 9001; // Семей
const LATE_DISTRICT = 9002; // Абай ауданы
const REGIONAL = 9100; // Абай облысы
const OTHER_REGIONAL = 9200; // Ақмола облысы
let app: TestBot;
let semey: number;
let abaiDistrict: number;
let abaiRegion: number;
const ids: Record<string, number> = {};
const districtGrant = (unitId: number) => ({ role: "district_coordinator" as const, unitId });
const regionGrant = (unitId: number) => ({ role: "regional_coordinator" as const, unitId });

beforeAll(async () => {
  app = await startTestBot();
  app.clock.set("2026-10-20T10:00:00+05:00");
  const db = app.deps.db;
  semey = await unitId(db, KATO.semeyCity);
  abaiDistrict = await unitId(db, KATO.abaiDistrict);
  abaiRegion = await unitId(db, KATO.abaiRegion);
  await grantRole(db, DISTRICT, "district_coordinator", { unitId: semey });
  await grantRole(db, LATE_DISTRICT, "district_coordinator", { unitId: abaiDistrict });
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: abaiRegion });
  await grantRole(db, OTHER_REGIONAL, "regional_coordinator", {
    unitId: await unitId(db, KATO.akmolaRegion),
  });
  // Every coordinator came in through an invite, so each has written to the bot.
  for (const id of [DISTRICT, LATE_DISTRICT, REGIONAL, OTHER_REGIONAL])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  const provider = await createProvider(db);
  const employee = async (name: string, unit: number, certificateOn: string | null) => {
    ids[name] = await createEmployee(db, {
      unitId: unit,
      lastName: name,
      firstName: "Тест",
      patronymic: null,
    });
    if (certificateOn)
      await issueCertificate(db, {
        employeeId: ids[name] ?? 0,
        providerId: provider,
        issuedOn: certificateOn,
        number: `N-${name}`,
      });
  };
  await employee("Ағатаев", semey, null); // never trained
  await employee("Бекова", semey, "2024-03-01"); // overdue since 01.03.2026
  await employee("Дәулетов", semey, "2025-09-10"); // due 10.09.2027
  await employee("Ержанова", semey, "2026-02-01"); // up to date (due 2028)
  await employee("Жақыпов", abaiDistrict, null);
  await employee("Облыстық", abaiRegion, "2025-01-15"); // the region's own employee, due 2027
});
afterAll(() => app.database.close());

async function as(id: number) {
  const user = app.sim.user({ id, language_code: "ru" });
  await user.send("/menu");
  return user;
}

describe("a district list for 2027", () => {
  it("is proposed from the rules, with each person's reason", async () => {
    const district = await as(DISTRICT);
    await district.press("📋 Список на обучение");
    expect(district.lastText()).toContain(
      "Список работников, подлежащих повышению квалификации, на 2027 год",
    );
    expect(district.lastText()).toContain("Статус: черновик");
    expect(district.lastText()).toContain("Срок: до 01.11.2026 (осталось дней: 12)");
    await district.press("📋 Посмотреть список");
    const text = district.lastText();
    expect(text).toContain("В списке: 3.");
    expect(text).toContain("Ағатаев Тест — нет сведений о прохождении");
    expect(text).toContain("Бекова Тест — срок истёк (01.03.2026)");
    expect(text).toContain("Дәулетов Тест — срок 10.09.2027");
    expect(text).not.toContain("Ержанова");
  });

  it("is edited: a removal needs a reason; someone is added; then it is submitted on time", async () => {
    const district = await as(DISTRICT);
    await district.press("📋 Список на обучение");
    await district.press("📋 Посмотреть список");
    await district.press("✖ 3"); // Дәулетов
    await district.send("/cancel");
    expect(district.lastText()).toContain("Отменено");
    await district.press("✖ 3");
    await district.send("Уходит в декретный отпуск");
    expect(district.lastText()).toBe("✅ Работник исключён из списка.");
    await district.send("/menu");
    await district.press("📋 Список на обучение");
    await district.press("➕ Добавить работника");
    await district.press("Ержанова Тест");
    expect(district.lastText()).toBe("✅ Работник добавлен в список.");
    await district.send("/menu");
    await district.press("📋 Список на обучение");
    await district.press("📤 Направить список");
    expect(district.lastText()).toBe(
      "📤 Список направлен в областной (городской) орган, в нём 3 человека.",
    );

    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    expect(regional.lastText()).toContain("Город Семей: направлен список на 2027 год.");
    const list = await app.deps.db
      .selectFrom("lists")
      .selectAll()
      .where("unit_id", "=", semey)
      .executeTakeFirstOrThrow();
    expect(list).toMatchObject({ status: "submitted", late: false, submitted_by: DISTRICT });
  });

  it("is returned by the region with a reason, corrected and resubmitted, then accepted", async () => {
    const regional = await as(REGIONAL);
    await regional.press("🗂 Списки районов");
    expect(regional.lastText()).toContain("Город Семей — направлен, 3 человека");
    expect(regional.lastText()).toContain("Абайский район — не начат, 0 человек");
    await regional.press("Город Семей");
    await regional.press("↩️ Вернуть");
    await regional.send("Ержанова прошла обучение в 2026 году, уберите её");
    expect(regional.lastText()).toContain("Список возвращён, причина сообщена");

    const district = app.sim.user({ id: DISTRICT, language_code: "ru" });
    expect(district.lastText()).toContain(
      "Областной (городской) орган вернул ваш список на 2027 год. Причина: Ержанова прошла обучение в 2026 году, уберите её",
    );
    await district.press("Открыть список");
    expect(district.lastText()).toContain(
      "⚠️ Возвращён областным (городским) органом. Причина: Ержанова прошла обучение",
    );
    await district.press("📋 Посмотреть список");
    const entries = district.lastText().split("\n");
    const row = entries.find((l) => l.includes("Ержанова"))?.split(".")[0];
    await district.press(`✖ ${row}`);
    await district.send("По замечанию области");
    await district.send("/menu");
    await district.press("📋 Список на обучение");
    await district.press("📤 Направить список");
    expect(district.lastText()).toBe(
      "📤 Список направлен в областной (городской) орган, в нём 2 человека.",
    );

    await regional.send("/menu");
    await regional.press("🗂 Списки районов");
    await regional.press("Город Семей");
    await regional.press("✅ Принять");
    expect(regional.lastText()).toContain("Список принят: Город Семей.");
    expect(district.lastText()).toContain(
      "Областной (городской) орган принял ваш список на 2027 год.",
    );
    // An accepted list is locked for the district.
    await district.send("/menu");
    await district.press("📋 Список на обучение");
    expect(district.inlineButtons()).not.toContain("📤 Направить список");
    expect(district.inlineButtons()).not.toContain("➕ Добавить работника");
  });

  it("submitted after 1 November is accepted and marked late", async () => {
    app.clock.set("2026-11-02T09:00:00+05:00");
    const late = await as(LATE_DISTRICT);
    await late.press("📋 Список на обучение");
    expect(late.lastText()).toContain("прошло дней: 1");
    await late.press("📤 Направить список");
    expect(late.lastText()).toContain("отмечен как направленный после установленного срока");
    const regional = await as(REGIONAL);
    await regional.press("🗂 Списки районов");
    expect(regional.lastText()).toContain(
      "Абайский район — направлен (после установленного срока), 1 человек",
    );
  });
});

describe("the consolidated list", () => {
  it("gathers the accepted district lists and the region's own employees, and is approved on time", async () => {
    app.clock.set("2026-11-28T15:00:00+05:00");
    const regional = await as(REGIONAL);
    await regional.press("📋 Сводный список");
    expect(regional.lastText()).toContain("Сводный список на 2027 год");
    expect(regional.lastText()).toContain("В списке 3 человека");
    await regional.press("PDF");
    const pdf = await getDocumentProxy(
      new Uint8Array(regional.lastMessage.document?.bytes ?? Buffer.alloc(0)),
    );
    const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
    expect(text).toContain("Город Семей — всего: 2");
    expect(text).toContain("Собственные работники областного (городского) органа — всего: 1");
    expect(text).not.toContain("Жақыпов"); // Абайский район's list was not accepted

    await regional.send("/menu");
    await regional.press("📋 Сводный список");
    await regional.press("✅ Утвердить сводный список");
    expect(regional.lastText()).toContain("Сводный список утверждён, в нём 3 человека");
    expect(regional.lastText()).toContain("списки этих районов ещё не приняты");
    const list = await app.deps.db
      .selectFrom("lists")
      .selectAll()
      .where("unit_id", "=", abaiRegion)
      .executeTakeFirstOrThrow();
    expect(list).toMatchObject({ status: "approved", late: false, approved_by: REGIONAL });
  });

  it("once approved refuses plain edits and takes an amendment with a reason", async () => {
    const regional = await as(REGIONAL);
    await regional.press("📋 Сводный список");
    expect(regional.inlineButtons()).not.toContain("✅ Утвердить сводный список");
    await regional.press("📋 Посмотреть список");
    const row = regional
      .lastText()
      .split("\n")
      .find((l) => l.includes("Ағатаев"))
      ?.split(".")[0];
    await regional.press(`✖ ${row}`);
    await regional.send("Уволился 20.11.2026");
    expect(regional.lastText()).toBe(
      "✅ В утверждённый список внесено изменение, причина сохранена в журнале.",
    );
    const amendment = await app.deps.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "list.amend_remove")
      .executeTakeFirstOrThrow();
    expect(amendment).toMatchObject({
      actor_telegram_id: REGIONAL,
      after: { employeeId: ids.Ағатаев, onList: false, reason: "Уволился 20.11.2026" },
    });

    // The district cannot touch its accepted list, whatever it sends.
    const district = await as(DISTRICT);
    const entry = await app.deps.db
      .selectFrom("list_entries")
      .select("id")
      .where("employee_id", "=", ids.Бекова ?? 0)
      .executeTakeFirstOrThrow();
    await district.pressCallbackData(
      routes.listEntryRemove.pack({ grant: districtGrant(semey), year: 2027, entry: entry.id }),
      district.lastMessage.message_id,
    );
    await district.send("попытка");
    expect(district.lastText()).toBe(
      "Список уже направлен или утверждён, сейчас его менять нельзя.",
    );
  });

  it("every step is in the audit log with who and when", async () => {
    const actions = await app.deps.db
      .selectFrom("audit_log")
      .select(["action", "actor_telegram_id"])
      .where("entity", "=", "list")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "list.create",
        "list.remove_entry",
        "list.add_entry",
        "list.submit",
        "list.return",
        "list.accept",
        "list.approve",
        "list.amend_remove",
      ]),
    );
    expect(actions.find((a) => a.action === "list.return")?.actor_telegram_id).toBe(REGIONAL);
  });
});

describe("scope", () => {
  it("a coordinator of another region sees and changes nothing, whatever callback data they send", async () => {
    const other = await as(OTHER_REGIONAL);
    const semeyList = await app.deps.db
      .selectFrom("lists")
      .select("id")
      .where("unit_id", "=", semey)
      .executeTakeFirstOrThrow();
    const akmola = await unitId(app.deps.db, KATO.akmolaRegion);
    for (const data of [
      routes.districtListReview.pack({ grant: regionGrant(akmola), list: semeyList.id }),
      routes.districtListAccept.pack({ grant: regionGrant(akmola), list: semeyList.id }),
      routes.districtListReturn.pack({ grant: regionGrant(akmola), list: semeyList.id }),
      routes.districtListReview.pack({ grant: regionGrant(abaiRegion), list: semeyList.id }),
      routes.listFile.pack({ grant: regionGrant(akmola), list: semeyList.id, format: "pdf" }),
      routes.listScreen.pack({ grant: districtGrant(semey) }),
    ]) {
      await other.pressCallbackData(data, other.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    }
    expect(other.messages.some((m) => m.document)).toBe(false);
  });

  it("a district coordinator cannot open another district's list or its people", async () => {
    const late = await as(LATE_DISTRICT);
    const semeyList = await app.deps.db
      .selectFrom("lists")
      .select("id")
      .where("unit_id", "=", semey)
      .executeTakeFirstOrThrow();
    for (const data of [
      routes.listScreen.pack({ grant: districtGrant(semey) }),
      routes.listFile.pack({
        grant: districtGrant(abaiDistrict),
        list: semeyList.id,
        format: "xlsx",
      }),
      routes.districtListReview.pack({ grant: regionGrant(abaiRegion), list: semeyList.id }),
      routes.listAdd.pack({
        grant: districtGrant(abaiDistrict),
        year: 2027,
        employee: ids.Бекова ?? 0,
      }),
    ]) {
      await late.pressCallbackData(data, late.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    }
    // A region's button with a district's grant in it is refused by the route table itself.
    await late.pressCallbackData(
      `rdv:d${abaiDistrict}:${semeyList.id}`,
      late.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({
      text: "Эта кнопка устарела. Откройте меню заново: /menu",
    });
  });
});

describe("in Kazakh", () => {
  it("a district coordinator reads the list screen and its reasons in Kazakh", async () => {
    const db = app.deps.db;
    const district = await unitId(db, KATO.akmolaRegion).then(async (region) => {
      const first = await db
        .selectFrom("units")
        .select("id")
        .where("parent_id", "=", region)
        .orderBy("kato_code")
        .executeTakeFirstOrThrow();
      return first.id;
    });
    await createEmployee(db, {
      unitId: district,
      lastName: "Құнанбаев",
      firstName: "Ерлан",
      patronymic: null,
    });
    await grantRole(db, 9003, "district_coordinator", { unitId: district });
    const coordinator = app.sim.user({ id: 9003, language_code: "kk" });
    await coordinator.send("/start");
    await coordinator.press("📋 Оқуға жіберу тізімі");
    expect(coordinator.lastText()).toContain(
      "жылға біліктілігін арттыруға жататын қызметкерлердің тізімі",
    );
    expect(coordinator.lastText()).toContain("Мәртебесі: жоба");
    await coordinator.press("📋 Тізімді көру");
    expect(coordinator.lastText()).toContain("Құнанбаев Ерлан — өткені туралы мәлімет жоқ");
    await coordinator.press("XLSX");
    expect(coordinator.lastMessage.document?.file_name).toMatch(/^\d{4} жылға тізім — .+\.xlsx$/);
  });
});

describe("the overview", () => {
  it("counts the region's and each district's employees by status", async () => {
    const regional = await as(REGIONAL);
    await regional.press("📊 Обзор");
    const text = regional.lastText();
    expect(text).toContain("Всего: 6 · ✅ 3 · ⏳ 0 · ❗️ 1 · ⚪️ 2");
    expect(text).toContain("Город Семей: 4");
  });
});
