// A spreadsheet import that an attacker or a careless coordinator sends: a
// decompression bomb, a file past the row cap, rich text, overlong fields, hidden
// direction overrides. And phone numbers: a Telegram contact is international.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIin } from "../../bot/rules/index.js";
import { createEmployee, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { deflatedWhitespace, makeZip, workbookParts } from "../support/zip.js";

const COORDINATOR = 8101;
let app: TestBot;
let district: number;

beforeAll(async () => {
  app = await startTestBot();
  district = await unitId(app.deps.db, KATO.abaiDistrict);
  await grantRole(app.deps.db, COORDINATOR, "district_coordinator", { unitId: district });
});
afterAll(() => app.database.close());

function iins(count: number, start: number): string[] {
  const out: string[] = [];
  for (let serial = start; out.length < count; serial++) {
    const iin = makeIin(`1985-0${1 + (serial % 9)}-1${serial % 9}`, "female", serial);
    if (iin) out.push(iin);
  }
  return out;
}

const HEADER = ["ИИН", "Фамилия", "Имя", "Отчество", "Должность", "Телефон"];

async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Работники");
  sheet.addRow(HEADER);
  fill(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function openImport() {
  const user = app.sim.user({ id: COORDINATOR, language_code: "ru" });
  await user.send("/menu");
  await user.press("👥 Работники");
  await user.press("📥 Загрузить из таблицы");
  return user;
}

async function send(bytes: Buffer, fileName = "работники.xlsx") {
  const user = await openImport();
  const started = performance.now();
  await user.sendDocument({
    fileName,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    bytes,
  });
  const ms = performance.now() - started;
  const text = user.lastText();
  await user.send("/cancel");
  return { text, ms };
}

const employee = (iin: string) =>
  app.deps.db.selectFrom("employees").selectAll().where("iin", "=", iin).executeTakeFirst();

describe("a spreadsheet import", () => {
  it("refuses a decompression bomb from the archive's directory, before inflating it", async () => {
    const bomb = makeZip(workbookParts({ name: "", deflated: deflatedWhitespace(120) }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { text, ms } = await send(bomb);
    expect(text).toContain("в распакованном виде он больше 100 МБ");
    expect(ms).toBeLessThan(3_000);
  });

  it("refuses a bomb whose header lies about its size, cutting it off while inflating", async () => {
    const liar = makeZip(
      workbookParts({ name: "", deflated: deflatedWhitespace(120), declaredSize: 4096 }),
    );
    const { text } = await send(liar);
    expect(text).toContain("в распакованном виде он больше 100 МБ");
  });

  it("stops reading at the row cap and says how many rows one file may have", async () => {
    const many = iins(20_001, 10_000);
    const bytes = await xlsx((sheet) => {
      for (const iin of many) sheet.addRow([iin, "Иванова", "Анна", "", "специалист", ""]);
    });
    const { text } = await send(bytes);
    expect(text).toContain("В файле больше 20 000 работников");
    expect(await employee(many[0] ?? "")).toBeUndefined();
  }, 180_000);

  it("flattens rich text, strips direction overrides, and states the length limits", async () => {
    const [rich, overlong, hidden] = iins(3, 50_000);
    const bytes = await xlsx((sheet) => {
      sheet.addRow([
        rich,
        { richText: [{ text: "Сейт", font: { bold: true } }, { text: "қалиева" }] },
        "Әйгерім",
        "",
        "бас маман",
        "",
      ]);
      sheet.addRow([overlong, "Ким", "Анна", "", "специалист ".repeat(500), ""]);
      sheet.addRow([hidden, "Ива\u202Eнова", "Ма\u200Bрия", "", "мa\u2066ман\u2069", ""]);
    });
    const refused = await send(bytes);
    expect(refused.text).toContain("Строка 3: Должность длиннее 150 символов.");

    const fixed = await xlsx((sheet) => {
      sheet.addRow([
        rich,
        { richText: [{ text: "Сейт", font: { bold: true } }, { text: "қалиева" }] },
        "Әйгерім",
        "",
        "бас маман",
        "",
      ]);
      sheet.addRow([hidden, "Ива\u202Eнова", "Ма\u200Bрия", "", "мa\u2066ман\u2069", ""]);
    });
    const done = await send(fixed);
    expect(done.text).toContain("добавлено — 2");
    expect((await employee(rich ?? ""))?.last_name).toBe("Сейтқалиева");
    const cleaned = await employee(hidden ?? "");
    expect(cleaned?.last_name).toBe("Иванова");
    expect(cleaned?.first_name).toBe("Мария");
    expect(cleaned?.position).toBe("мaман");
  });

  it("reads a CSV past the row cap the same way", async () => {
    const lines = [HEADER.join(";"), ...iins(20_001, 80_000).map((i) => `${i};Ли;Ан;;спец;`)];
    const { text } = await send(Buffer.from(lines.join("\n")), "работники.csv");
    expect(text).toContain("В файле больше 20 000 работников");
  }, 120_000);
});

describe("a position typed in the bot", () => {
  it("longer than 150 characters is refused with the limit, and the question stands", async () => {
    const user = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await user.send("/menu");
    await user.press("👥 Работники");
    await user.press("➕ Добавить");
    const [iin] = iins(1, 90_000);
    await user.send(iin ?? "");
    await user.send("Ива\u202Eнова");
    await user.send("Анна");
    await user.press(/Пропустить/);
    await user.send("я".repeat(151));
    expect(user.lastText()).toContain("до 150 символов");
    await user.send("главный специалист");
    await user.press(/Пропустить/);
    await user.press(/Пропустить/);
    expect((await employee(iin ?? ""))?.last_name).toBe("Иванова");
  });
});

describe("joining by a shared contact", () => {
  it("reads a Telegram contact as international: +84 95… is never the +7 495… record", async () => {
    await createEmployee(app.deps.db, { unitId: district, phone: "74951234567" });
    const vietnamese = app.sim.user({ id: 8150, language_code: "ru" });
    await vietnamese.send("/start");
    await vietnamese.shareContact({ phone_number: "84951234567" });
    expect(vietnamese.lastText()).not.toContain("Ваша запись найдена");
    const bound = await app.deps.db
      .selectFrom("employees")
      .select("telegram_user_id")
      .where("phone", "=", "74951234567")
      .executeTakeFirstOrThrow();
    expect(bound.telegram_user_id).toBeNull();
    // The owner of the record, whose contact carries +7, is bound.
    const owner = app.sim.user({ id: 8151, language_code: "ru" });
    await owner.send("/start");
    await owner.shareContact({ phone_number: "+7 495 123 45 67" });
    const after = await app.deps.db
      .selectFrom("employees")
      .select("telegram_user_id")
      .where("phone", "=", "74951234567")
      .executeTakeFirstOrThrow();
    expect(after.telegram_user_id).toBe(8151);
  });
});
