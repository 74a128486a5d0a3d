// A district coordinator keeps the unit's employees: adds one by hand (the IIN's
// check digit is checked), edits, deactivates, searches, and imports a spreadsheet
// where one bad row stops the whole file; then 2,000 rows in one go.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import { makeIin } from "../../bot/rules/index.js";
import { grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const COORDINATOR = 8001;
const OTHER_DISTRICT_COORDINATOR = 8002;
let app: TestBot;
let district: number;
let otherDistrict: number;

beforeAll(async () => {
  app = await startTestBot();
  district = await unitId(app.deps.db, KATO.abaiDistrict);
  otherDistrict = await unitId(app.deps.db, KATO.semeyCity);
  await grantRole(app.deps.db, COORDINATOR, "district_coordinator", { unitId: district });
  await grantRole(app.deps.db, OTHER_DISTRICT_COORDINATOR, "district_coordinator", {
    unitId: otherDistrict,
  });
});
afterAll(() => app.database.close());

/** Distinct valid IINs, as many as needed. */
function iins(count: number, start = 0): string[] {
  const out: string[] = [];
  for (let serial = start; out.length < count; serial++) {
    const iin = makeIin(
      `19${70 + (serial % 30)}-0${1 + (serial % 9)}-1${serial % 9}`,
      serial % 2 ? "male" : "female",
      serial,
    );
    if (iin) out.push(iin);
  }
  return out;
}

async function coordinator() {
  const user = app.sim.user({ id: COORDINATOR, language_code: "ru" });
  await user.send("/menu");
  return user;
}

const employeeCount = async (unit: number) =>
  Number(
    (
      await app.deps.db
        .selectFrom("employees")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("unit_id", "=", unit)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("adding, editing and deactivating an employee", () => {
  it("checks the IIN's check digit, asks again, and saves the card", async () => {
    const user = await coordinator();
    await user.press("👥 Работники");
    await user.press("➕ Добавить");
    const [valid] = iins(1, 9000);
    const wrong = `${valid?.slice(0, 11)}${(Number(valid?.[11]) + 1) % 10}`;
    await user.send(wrong);
    expect(user.texts().at(-2)).toBe("Контрольная цифра ИИН неверна: проверьте номер.");
    expect(user.lastText()).toBe("Отправьте ИИН работника (12 цифр).");
    await user.send(valid ?? "");
    await user.send("Жұмабаева");
    await user.send("Айгүл");
    await user.press("Пропустить ›");
    await user.send("главный специалист");
    await user.send("8 701 555 44 33");
    await user.send("31.02.2025");
    expect(user.texts().at(-2)).toContain("Неверная дата");
    await user.send("15.03.2025");
    expect(user.texts().join("\n")).toContain(
      "Работник добавлен: Жұмабаева Айгүл. Дата последнего сертификата: 15.03.2025.",
    );
    const row = await app.deps.db
      .selectFrom("employees")
      .selectAll()
      .where("iin", "=", valid ?? "")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      unit_id: district,
      patronymic: null,
      phone: "77015554433",
      previous_certificate_issued_on: "2025-03-15",
    });
  });

  it("edits a field and deactivates, with both in the audit log", async () => {
    const user = await coordinator();
    await user.press("👥 Работники");
    await user.press("🔎 Поиск");
    await user.send("жұма");
    expect(user.lastText()).toContain("Найдено по запросу «жұма»: 1");
    await user.press(/^Жұмабаева А\./);
    await user.press("Должность");
    await user.send("руководитель отдела");
    expect(user.lastText()).toBe("✅ Сохранено.");
    await user.send("/menu");
    await user.press("👥 Работники");
    await user.press(/^Жұмабаева А\./);
    expect(user.lastText()).toContain("Должность: руководитель отдела");
    // An optional field is erased with its own button, never by «Пропустить».
    await user.press("Телефон");
    expect(user.inlineButtons()).toEqual(["🗑 Удалить", "✖️ Отменить"]);
    await user.press("🗑 Удалить");
    expect(user.lastText()).toBe("✅ Сохранено.");
    await user.send("/menu");
    await user.press("👥 Работники");
    await user.press(/^Жұмабаева А\./);
    expect(user.lastText()).toContain("Телефон: —");
    await user.press("⏸ Исключить из списка");
    await user.press("Да, исключить");
    const row = await app.deps.db
      .selectFrom("employees")
      .select(["id", "active"])
      .where("last_name", "=", "Жұмабаева")
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(false);
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select(["action", "actor_telegram_id", "before", "after"])
      .where("entity", "=", "employee")
      .where("entity_id", "=", String(row.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "employee.create",
      "employee.update",
      "employee.update",
      "employee.deactivate",
    ]);
    expect(audit[1]).toMatchObject({
      actor_telegram_id: COORDINATOR,
      before: { position: "главный специалист" },
      after: { position: "руководитель отдела" },
    });
  });

  it("is refused for another district's employee, whatever callback data is sent", async () => {
    const [iin] = iins(1, 9100);
    const foreign = await app.deps.db
      .insertInto("employees")
      .values({
        iin: iin ?? "",
        last_name: "Бөтен",
        first_name: "Адам",
        unit_id: otherDistrict,
        position: "маман",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = await coordinator();
    const own = { role: "district_coordinator" as const, unitId: district };
    const other = { role: "district_coordinator" as const, unitId: otherDistrict };
    for (const data of [
      routes.employeeCard.pack({ grant: own, employee: foreign.id }),
      routes.employeeDeactivate.pack({ grant: own, employee: foreign.id }),
      routes.employeeDeactivateConfirmed.pack({ grant: own, employee: foreign.id }),
      routes.employeeEdit.pack({ grant: own, employee: foreign.id, field: "position" }),
      routes.employeeCard.pack({ grant: other, employee: foreign.id }),
      routes.employees.pack({ grant: other, page: 0 }),
    ]) {
      await user.pressCallbackData(data, user.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    }
    const row = await app.deps.db
      .selectFrom("employees")
      .select(["active", "position"])
      .where("id", "=", foreign.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ active: true, position: "маман" });
  });
});

describe("importing a spreadsheet", () => {
  it("imports nothing when a row is wrong, and says which rows and why", async () => {
    const [a, b] = iins(2, 100);
    const badCheck = `${b?.slice(0, 11)}${(Number(b?.[11]) + 1) % 10}`;
    const csv = [
      "ИИН;Фамилия;Имя;Отчество;Должность;Телефон;Дата последнего сертификата",
      `${a};Сейітов;Марат;Ерланұлы;специалист;+77011112233;10.05.2025`,
      `${badCheck};Ким;Анна;;специалист;;`,
      `${a};Сейітов;Марат;;специалист;;`,
      `${b};;Ерлан;;;;2025-13-01`,
    ].join("\n");
    const user = await coordinator();
    await user.press("👥 Работники");
    await user.press("📥 Загрузить из таблицы");
    await user.sendDocument({
      fileName: "работники.csv",
      mimeType: "text/csv",
      bytes: Buffer.from(`\uFEFF${csv}`),
    });
    const report = user.lastText();
    expect(report).toContain("Файл не загружен: строк с ошибками — 3. Ничего не изменилось.");
    expect(report).toContain("Строка 3: Контрольная цифра ИИН неверна");
    expect(report).toContain("Строка 4: ИИН повторяется в файле (как в строке 2)");
    expect(report).toContain("Строка 5: Фамилия не указана");
    expect(report).toContain("Не указана должность");
    expect(report).toContain("Неверная дата");
    expect(await employeeCount(district)).toBe(1); // only the one added by hand above
  });

  it("sends a template in the coordinator's language", async () => {
    const user = await coordinator();
    await user.press("👥 Работники");
    await user.press("📥 Загрузить из таблицы");
    await user.press("📄 Файл-образец");
    const template = user.lastMessage.document;
    expect(template?.file_name).toBe("Образец списка работников.xlsx");
    const book = new ExcelJS.Workbook();
    const bytes = template?.bytes ?? Buffer.alloc(0);
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    );
    expect(book.worksheets[0]?.getRow(1).values).toEqual([
      undefined,
      "ИИН",
      "Фамилия",
      "Имя",
      "Отчество",
      "Должность",
      "Телефон",
      "Дата последнего сертификата",
    ]);
    await user.send("/cancel");
  });

  it("imports 2,000 rows from XLSX in one go, then updates them from a second file", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Қызметкерлер");
    sheet.addRow([
      "ЖСН",
      "Тегі",
      "Аты",
      "Әкесінің аты",
      "Лауазымы",
      "Телефон",
      "Соңғы сертификат күні",
    ]);
    const numbers = iins(2000, 20_000);
    // Surnames are letters only (digits are refused): row i gets a letter-coded name.
    const letters = "абвгдеәғқңөұүһі";
    const surname = (i: number) => `Тегі${[...String(i)].map((d) => letters[Number(d)]).join("")}`;
    numbers.forEach((iin, i) => {
      const previous = i % 2 ? new Date(Date.UTC(2025, 0, 1 + (i % 300))) : null;
      sheet.addRow([iin, surname(i), "Аты", null, "маман", null, previous]);
    });
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const user = await coordinator();
    await user.press("👥 Работники");
    await user.press("📥 Загрузить из таблицы");
    const started = Date.now();
    await user.sendDocument({
      fileName: "қызметкерлер.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      bytes,
    });
    const elapsed = Date.now() - started;
    expect(user.lastText()).toBe("✅ Загружено: добавлено — 2000, обновлено — 0.");
    expect(await employeeCount(district)).toBe(2001);
    const withDate = await app.deps.db
      .selectFrom("employees")
      .select("previous_certificate_issued_on")
      .where("iin", "=", numbers[1] ?? "")
      .executeTakeFirstOrThrow();
    expect(withDate.previous_certificate_issued_on).toBe("2025-01-02");
    console.info(`imported 2,000 rows in ${elapsed} ms`);

    await user.press("👥 Работники");
    await user.press("📥 Загрузить из таблицы");
    await user.sendDocument({
      fileName: "қызметкерлер.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      bytes,
    });
    expect(user.lastText()).toBe("✅ Загружено: добавлено — 0, обновлено — 2000.");
    const audits = await app.deps.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "like", "employee.import_%")
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(4000);
    // An update keeps what the record was before, and who changed it from which file.
    const update = await app.deps.db
      .selectFrom("audit_log")
      .select(["before", "after", "actor_telegram_id"])
      .where("action", "=", "employee.import_update")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    expect(update).toMatchObject({
      actor_telegram_id: COORDINATOR,
      before: { last_name: "Тегіа", position: "маман" },
      after: { last_name: "Тегіа", file: "қызметкерлер.xlsx" },
    });
    expect(JSON.stringify(update)).not.toContain(numbers[0]);
  });

  it("refuses a row whose IIN belongs to another district", async () => {
    const [iin] = iins(1, 9100); // the foreign employee above
    const user = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await user.send("/menu");
    await user.press("👥 Работники");
    await user.press("📥 Загрузить из таблицы");
    await user.sendDocument({
      fileName: "a.csv",
      mimeType: "text/csv",
      bytes: Buffer.from(`ИИН,Фамилия,Имя,Должность\n${iin},Бөтен,Адам,маман\n`),
    });
    expect(user.lastText()).toContain("Строка 2: Работник с этим ИИН числится в другом органе.");
  });
});
