// The register (Appendix 2) and the yearly lists (items 7, 8) as documents.
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import {
  type ListDocument,
  type RegisterDocument,
  renderListPdf,
  renderListXlsx,
  renderRegisterPdf,
} from "../../bot/documents/index.js";
import { makeIin } from "../../bot/rules/index.js";

async function pages(bytes: Buffer): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)));
  return text.map((page) => page.replace(/\s+/g, " "));
}

const iin = makeIin("1988-03-14", "male", 4521) ?? "";

describe("the register of certificates (Appendix 2)", () => {
  const register: RegisterDocument = {
    providerName: "«Құқық» оқу орталығы",
    period: { from: "2026-01-01", to: "2026-12-31" },
    rows: Array.from({ length: 60 }, (_, i) => ({
      holderName: `Сәрсенбаев Құдайберген ${i + 1}`,
      iin,
      workplace: "Абай ауданы",
      position: "бас маман",
      number: `ҰБО-2026-${String(i + 1).padStart(6, "0")}`,
      issuedOn: "2026-04-29",
      status: i === 1 ? "replaced" : i === 2 ? "revoked" : "valid",
      replacedByNumber: i === 1 ? "ҰБО-2026-000061" : null,
    })),
  };

  it("has the five columns of the form on every page, the full IIN, and the marks", async () => {
    const text = await pages(await renderRegisterPdf(register, "kk"));
    expect(text.length).toBeGreaterThanOrEqual(2);
    for (const page of text) {
      expect(page).toContain("№ р/с");
      expect(page).toContain("Жұмыс орны, лауазымы");
      expect(page).toContain("Сертификаттың №");
      expect(page).toContain("Берілген күні");
    }
    const all = text.join(" ");
    expect(all).toContain(iin);
    expect(all).toContain("(алмастырылды → № ҰБО-2026-000061)");
    expect(all).toContain("(күші жойылды)");
    expect(all).toContain(`1 / ${text.length}`);
  });
});

describe("the yearly lists", () => {
  const consolidated: ListDocument = {
    kind: "regional",
    year: 2027,
    unitName: "Абай облысы",
    status: "approved",
    late: true,
    statusDate: "2026-12-02",
    showFullIin: false,
    groups: [
      {
        name: "Абай ауданы",
        rows: [
          {
            fullName: "Әлиева Гүлнұр",
            iin,
            position: "маман",
            reason: "overdue",
            dueOn: "2026-02-28",
          },
        ],
      },
      {
        name: "Семей қаласы",
        rows: [
          { fullName: "Ким Ольга", iin, position: "бас маман", reason: "due", dueOn: "2027-06-15" },
          {
            fullName: "Нұрланов Ерлан",
            iin,
            position: "маман",
            reason: "never_trained",
            dueOn: null,
          },
        ],
      },
      {
        name: null,
        rows: [
          {
            fullName: "Оспанов Ғалым",
            iin,
            position: "бөлім басшысы",
            reason: "due",
            dueOn: "2027-01-20",
          },
        ],
      },
    ],
  };

  it("groups the consolidated list by district, masks the IIN, and shows the approval", async () => {
    const text = (await pages(await renderListPdf(consolidated, "kk"))).join(" ");
    expect(text).toContain(
      "2027 жылға біліктілігін арттыруға жататын қызметкерлердің жиынтық тізімі",
    );
    expect(text).toContain("Мәртебесі: бекітілді, 02.12.2026 (мерзімі өткеннен кейін)");
    expect(text).toContain("Семей қаласы — барлығы: 2");
    expect(text).toContain("Облыстық (қалалық) органның өз қызметкерлері — барлығы: 1");
    expect(text).toContain("мерзімі өткен (28.02.2026)");
    expect(text).not.toContain(iin);
    expect(text).toContain(`${iin.slice(0, 6)}****${iin.slice(-2)}`);
    expect(text).toContain("Барлығы: 4");
  });

  it("as XLSX in Russian, with the IIN in full for the coordinator in scope", async () => {
    const bytes = await renderListXlsx({ ...consolidated, showFullIin: true }, "ru");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    );
    const sheet = book.worksheets[0];
    expect(sheet?.getCell("A1").value).toBe(
      "Сводный список работников, подлежащих повышению квалификации, на 2027 год",
    );
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      "№",
      "Фамилия, имя, отчество (при его наличии)",
      "ИИН",
      "Должность",
      "Основание включения",
    ]);
    expect(sheet?.getRow(5).getCell(1).value).toBe("Абай ауданы — всего: 1");
    expect(sheet?.getRow(6).getCell(3).value).toBe(iin);
  });
});
