// Anyone can verify a certificate by number, code or QR link; the holder's name is
// masked and the IIN never shown, unless the IIN is given. Guessing is slowed down.
// A provider coordinator reissues or revokes, and exports the register.

import ExcelJS from "exceljs";
import QRCode from "qrcode";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "../../bot/services/certificates.js";
import { createEmployee, createProvider, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const PROVIDER_COORDINATOR = 7100;
let app: TestBot;
let providerId: number;
let employeeId: number;
let iin: string;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  providerId = await createProvider(db, "ҰБО");
  employeeId = await createEmployee(db, {
    unitId: await unitId(db, KATO.abaiDistrict),
    telegramId: 7000,
    lastName: "Әбілқайыр",
    firstName: "Нұрсұлтан",
    patronymic: "Ғабитұлы",
  });
  iin = (
    await db
      .selectFrom("employees")
      .select("iin")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow()
  ).iin;
  await grantRole(db, PROVIDER_COORDINATOR, "provider_coordinator", { providerId });
});
afterAll(() => app.database.close());

function issue(issuedOn: string) {
  return app.deps.db.transaction().execute((trx) =>
    issueCertificate(trx, {
      employeeId,
      providerId,
      cohortId: null,
      enrolmentId: null,
      academicHours: 72,
      issuedOn,
      programTitle: { kk: "Балалар құқықтары", ru: "Права детей" },
      actor: PROVIDER_COORDINATOR,
      now: app.clock.now(),
    }),
  );
}

describe("certificate numbers", () => {
  it("are the provider's prefix, the year and a sequence without gaps, even when issued at once", async () => {
    const certificates = await Promise.all(Array.from({ length: 20 }, () => issue("2025-06-02")));
    const numbers = certificates.map((c) => c.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `ҰБО-2025-${String(i + 1).padStart(6, "0")}`),
    );
    expect(new Set(certificates.map((c) => c.verification_code)).size).toBe(20);
  });
});

describe("verification", () => {
  it("shows a valid certificate with the name masked and no IIN", async () => {
    const certificate = await issue("2026-04-29");
    const checker = app.sim.user({ id: 7200, language_code: "ru" });
    // By number alone no name at all (numbers can be walked through); by the code, initials.
    await checker.send(`/verify ${certificate.number}`);
    expect(checker.lastText()).not.toContain("Владелец");
    await checker.send(`/verify ${certificate.verification_code}`);
    const text = checker.lastText();
    expect(text).toContain(`Сертификат № ${certificate.number}`);
    expect(text).toContain("Статус: ✅ действителен");
    expect(text).toContain("Владелец: Ә. Н. Ғ.");
    expect(text).not.toContain("Әбілқайыр");
    expect(text).not.toContain(iin);
    expect(text).toContain("Программа: Права детей");
    expect(text).toContain("Время проверки: 25.11.2026 11:00");
  });

  it("opens from the QR code's deep link, by the code, in Kazakh", async () => {
    const certificate = await issue("2026-05-04");
    const checker = app.sim.user({ id: 7201, language_code: "kk" });
    await checker.send(`/start v-${certificate.verification_code}`);
    expect(checker.lastText()).toContain("Мәртебесі: ✅ жарамды");
    await checker.send(
      `/verify ${certificate.verification_code.slice(0, 4)}-${certificate.verification_code.slice(4, 8)}-${certificate.verification_code.slice(8).toLowerCase()}`,
    );
    expect(checker.lastText()).toContain(`Сертификат № ${certificate.number}`);
  });

  it("finds a number typed without Ұ (Russian or Latin keyboard), and a code typed in Cyrillic", async () => {
    const certificate = await issue("2026-05-06");
    const checker = app.sim.user({ id: 7230, language_code: "ru" });
    await checker.send("/verify");
    expect(checker.lastText()).toContain("/verify K7QF-3MZX-P2AH");
    const tail = certificate.number.slice("ҰБО".length);
    for (const typed of [`УБО${tail}`, `UBO${tail}`, `ubo${tail}`]) {
      await checker.send(`/verify ${typed}`);
      expect(checker.lastText()).toContain(`Сертификат № ${certificate.number}`);
    }
    // Crockford letters that have Cyrillic twins, as a Russian keyboard gives them.
    const cyrillic = certificate.verification_code.replace(
      /[ABEKMHOPCTXY]/g,
      (c) => "АВЕКМНОРСТХУ"["ABEKMHOPCTXY".indexOf(c)] ?? c,
    );
    await checker.send(`/verify ${cyrillic}`);
    expect(checker.lastText()).toContain(`Сертификат № ${certificate.number}`);
    // The year and serial must still match exactly.
    await checker.send(`/verify УБО-2026-999999`);
    expect(checker.lastText()).toContain("не найден");
  });

  it("answers in Kazakh with no validity period: the rules give a certificate none", async () => {
    const certificate = await issue("2026-05-07");
    const checker = app.sim.user({ id: 7231, language_code: "kk" });
    await checker.send(`/verify ${certificate.number}`);
    expect(checker.lastText()).toContain("Мәртебесі: ✅ жарамды");
    expect(checker.lastText()).not.toContain("Жарамдылық мерзімі");
  });

  it("shows the full record to someone who gives the holder's IIN", async () => {
    const certificate = await issue("2026-05-05");
    const official = app.sim.user({ id: 7202, language_code: "ru" });
    await official.send(`/verify ${certificate.number} ${iin}`);
    expect(official.lastText()).toContain("Владелец: Әбілқайыр Нұрсұлтан Ғабитұлы");
    expect(official.lastText()).toContain("Место работы, должность: Абайский район");
    await official.send(`/verify ${certificate.number} 000000000000`);
    expect(official.lastText()).not.toContain("Әбілқайыр");
    expect(official.lastText()).toContain("ИИН не совпадает");
  });

  it("never calls a certificate expired: the rules give it no validity period", async () => {
    const certificate = await issue("2024-01-10");
    const checker = app.sim.user({ id: 7203, language_code: "ru" });
    await checker.send(`/verify ${certificate.number}`);
    expect(checker.lastText()).toContain("Статус: ✅ действителен");
    expect(checker.lastText()).not.toContain("срок истёк");
    expect(checker.lastText()).not.toContain("Действителен до");
  });

  it("says not found for an unknown code, and slows down someone who keeps guessing", async () => {
    const guesser = app.sim.user({ id: 7204, language_code: "ru" });
    for (let i = 0; i < 5; i++) {
      await guesser.send(`/verify ZZZZ-ZZZZ-ZZ${i}Z`);
      expect(guesser.lastText()).toContain("не найден");
    }
    const real = await issue("2026-05-06");
    await guesser.send(`/verify ${real.number}`);
    expect(guesser.lastText()).toContain("не больше 5 неудачных за 15 мин");
    app.clock.advanceDays(1);
    try {
      await guesser.send(`/verify ${real.number}`);
      expect(guesser.lastText()).toContain("Статус: ✅ действителен");
    } finally {
      app.clock.advanceDays(-1);
    }
  });

  it("lets the holder see that and when their certificate was checked", async () => {
    const holder = app.sim.user({ id: 7000, language_code: "ru" });
    await holder.send("/start");
    await holder.press("📄 Мои документы");
    await holder.press(/ҰБО-2026-000001/);
    expect(holder.lastText()).toMatch(
      /Ваш сертификат проверяли (один раз|\d+ раза?\. Последние проверки): 25\.11\.2026 11:00/,
    );
  });
});

describe("a provider coordinator", () => {
  it("reissues a certificate with a corrected name: the old one shows as replaced", async () => {
    const certificate = await issue("2026-06-01");
    const coordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "ru" });
    await coordinator.send("/start");
    await coordinator.press("📜 Сертификат по номеру");
    await coordinator.send(certificate.number);
    expect(coordinator.lastText()).toContain("Статус: действителен");
    await coordinator.press("✏️ Переоформить (ФИО)");
    await coordinator.send("Әбілқайыров");
    await coordinator.send("Нұрсұлтан");
    await coordinator.send("-");
    expect(coordinator.lastText()).toMatch(/выдан сертификат № ҰБО-2026-\d{6}/);
    const newNumber = /№ (ҰБО-2026-\d{6})\./.exec(coordinator.lastText())?.[1] ?? "";

    const checker = app.sim.user({ id: 7210, language_code: "ru" });
    await checker.send(`/verify ${certificate.number}`);
    expect(checker.lastText()).toContain(`заменён, новый сертификат № ${newNumber}`);
    await checker.send(`/verify ${newNumber} ${iin}`);
    expect(checker.lastText()).toContain("Владелец: Әбілқайыров Нұрсұлтан");
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "certificate")
      .where("entity_id", "=", String(certificate.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain("certificate.reissue");
  });

  it("revokes a certificate with a reason, and cannot touch another organization's", async () => {
    const certificate = await issue("2026-06-02");
    // The coordinator chose Russian at the first /start; that choice stays.
    const coordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "kk" });
    await coordinator.send("/menu");
    await coordinator.press("📜 Сертификат по номеру");
    await coordinator.send(certificate.number);
    await coordinator.press("⛔ Аннулировать");
    await coordinator.send("Қате берілген");
    expect(coordinator.lastText()).toContain("аннулирован");
    const checker = app.sim.user({ id: 7211, language_code: "kk" });
    await checker.send(`/verify ${certificate.number}`);
    expect(checker.lastText()).toContain("күші жойылған. Себебі: Қате берілген");

    const otherProvider = await createProvider(app.deps.db, "БАСҚА");
    await grantRole(app.deps.db, 7300, "provider_coordinator", { providerId: otherProvider });
    const stranger = app.sim.user({ id: 7300, language_code: "ru" });
    await stranger.send("/start");
    await stranger.press("📜 Сертификат по номеру");
    const valid = await issue("2026-06-03");
    await stranger.send(valid.number);
    expect(stranger.lastText()).toContain("нет сертификата с номером");
    await stranger.pressCallbackData(`rgp:p${providerId}:2026`, stranger.lastMessage.message_id);
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
  });

  it("exports the register of the year as PDF (header on every page) and XLSX", async () => {
    const coordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "ru" });
    await coordinator.send("/menu");
    await coordinator.press("📒 Журнал сертификатов");
    await coordinator.press("2025");
    const [pdfMessage, xlsxMessage] = coordinator.messages.slice(-2);
    expect(pdfMessage?.document?.file_name).toBe("Журнал регистрации сертификатов 2025.pdf");
    const pdf = await getDocumentProxy(
      new Uint8Array(pdfMessage?.document?.bytes ?? Buffer.alloc(0)),
    );
    const { totalPages, text } = await extractText(pdf);
    expect(totalPages).toBeGreaterThanOrEqual(2);
    for (const page of text) expect(page).toContain("Место работы, должность");
    expect(text.join(" ")).toContain(iin);
    expect(text.join(" ")).toContain("ҰБО-2025-000020");

    const book = new ExcelJS.Workbook();
    const bytes = xlsxMessage?.document?.bytes ?? Buffer.alloc(0);
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    );
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(3).getCell(4).value).toBe("№ сертификата");
    expect(sheet?.rowCount).toBe(3 + 20);
    expect(sheet?.getRow(4).getCell(5).value).toEqual(new Date("2025-06-02T00:00:00Z"));
  });

  it("uploads the organization's logo, which then appears on certificates", async () => {
    const coordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "ru" });
    await coordinator.send("/menu");
    await coordinator.press("🖼 Логотип организации");
    await coordinator.sendDocument({
      fileName: "logo.txt",
      mimeType: "text/plain",
      bytes: Buffer.from("not an image"),
    });
    expect(coordinator.lastText()).toContain("Это не изображение PNG");
    const png = await QRCode.toBuffer("logo", { width: 120 });
    await coordinator.sendPhoto({ bytes: png });
    expect(coordinator.lastText()).toContain("Логотип сохранён");
    const provider = await app.deps.db
      .selectFrom("providers")
      .select(["logo", "logo_mime_type"])
      .where("id", "=", providerId)
      .executeTakeFirstOrThrow();
    expect(provider.logo_mime_type).toBe("image/png");
    // Kept as decoded and re-encoded by the image library, never the bytes as sent.
    expect(
      Buffer.from(provider.logo ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");

    const images = (bytes: Buffer | undefined) =>
      bytes?.toString("latin1").match(/\/Subtype \/Image/g)?.length ?? 0;
    const holder = app.sim.user({ id: 7000, language_code: "ru" });
    await holder.send("/menu");
    await holder.press("📄 Мои документы");
    await holder.press(/ҰБО-2026-000001/); // rendered earlier, before the logo: served from Telegram's copy
    const before = images(holder.messages.findLast((m) => m.document)?.document?.bytes);

    const certificate = await issue("2026-07-01");
    await holder.send("/menu");
    await holder.press("📄 Мои документы");
    await holder.press(new RegExp(certificate.number));
    const after = images(holder.messages.findLast((m) => m.document)?.document?.bytes);
    // The new certificate carries the logo besides the QR code; the one issued before keeps its look.
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
  });
});
