// "My documents": newest first; a certificate downloads as a PDF in the person's
// language, printed from the data frozen at issue; the second download reuses
// Telegram's file id instead of rendering again.
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEmployee,
  createProvider,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

let app: TestBot;
beforeAll(async () => {
  app = await startTestBot();
});
afterAll(() => app.database.close());

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text };
}

describe("my documents", () => {
  it("lists certificates newest first and sends each as a PDF in the person's language", async () => {
    const db = app.deps.db;
    const district = await unitId(db, KATO.abaiDistrict);
    const providerId = await createProvider(db);
    const employeeId = await createEmployee(db, {
      unitId: district,
      telegramId: 6000,
      lastName: "Әбілқайыр",
      firstName: "Нұрсұлтан",
      patronymic: "Ғабитұлы",
    });
    await issueCertificate(db, {
      employeeId,
      providerId,
      issuedOn: "2022-03-01",
      number: "ҰБО-2022-000003",
    });
    await issueCertificate(db, {
      employeeId,
      providerId,
      issuedOn: "2024-04-29",
      number: "ҰБО-2024-000017",
    });
    // A later edit of the person does not change what was issued.
    await db
      .updateTable("employees")
      .set({ last_name: "Өзгерген" })
      .where("id", "=", employeeId)
      .execute();

    const user = app.sim.user({ id: 6000, language_code: "kk" });
    await user.send("/start");
    await user.press("📄 Құжаттарым");
    expect(user.inlineButtons()).toEqual([
      "📜 ҰБО-2024-000017 · 29.04.2024",
      "📜 ҰБО-2022-000003 · 01.03.2022",
      "‹ Артқа",
    ]);

    await user.press("📜 ҰБО-2024-000017 · 29.04.2024");
    const document = user.messages.findLast((m) => m.document)?.document;
    // After the file, the holder is told whether anyone has checked the certificate.
    expect(user.lastText()).toContain("Сертификатыңыз әлі тексерілмеген");
    expect(document?.file_name).toBe("Сертификат ҰБО-2024-000017.pdf");
    const pdf = await pdfText(document?.bytes ?? Buffer.alloc(0));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain("СЕРТИФИКАТ № ҰБО-2024-000017");
    expect(pdf.text).toContain("Әбілқайыр Нұрсұлтан Ғабитұлы");
    expect(pdf.text).toContain("72 академиялық сағат");
    expect(pdf.text).toContain("«29» сәуір 2024 жыл");
    expect(pdf.text).not.toContain("Өзгерген");

    // The same certificate (same number) in Russian, one tap away.
    await user.press("🇷🇺 Версия на русском");
    const russian = await pdfText(
      user.messages.findLast((m) => m.document)?.document?.bytes ?? Buffer.alloc(0),
    );
    expect(russian.text).toContain("СЕРТИФИКАТ № ҰБО-2024-000017");
    expect(russian.text).toContain("Настоящий сертификат подтверждает, что");

    await user.press("📜 ҰБО-2024-000017 · 29.04.2024");
    const sends = app.sim.calls.filter(
      (c) => c.method === "sendDocument" && Number(c.params.chat_id) === 6000,
    );
    expect(typeof sends.at(-1)?.params.document).toBe("string");
    expect(sends.at(-1)?.params.document).toBe(document?.file_id);
  });

  it("in Russian, with the Russian form's wording", async () => {
    const db = app.deps.db;
    const district = await unitId(db, KATO.abaiDistrict);
    const providerId = await createProvider(db, "НОЦ");
    const employeeId = await createEmployee(db, {
      unitId: district,
      telegramId: 6001,
      patronymic: null,
    });
    await issueCertificate(db, {
      employeeId,
      providerId,
      issuedOn: "2026-04-29",
      number: "НОЦ-2026-000001",
      hours: 41,
    });
    const user = app.sim.user({ id: 6001, language_code: "ru" });
    await user.send("/start");
    await user.press("📄 Мои документы");
    await user.press(/НОЦ-2026-000001/);
    const pdf = await pdfText(
      user.messages.findLast((m) => m.document)?.document?.bytes ?? Buffer.alloc(0),
    );
    expect(pdf.text).toContain("Настоящий сертификат подтверждает, что");
    expect(pdf.text).toContain("Сейтқалиева Әйгерім");
    expect(pdf.text).toContain("41 академического часа");
    expect(pdf.text).toContain("«29» апреля 2026 г.");
    expect(pdf.text).toContain("Руководитель организации");
  });
});
