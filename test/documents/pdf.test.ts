// The documents read back as text: every Kazakh letter intact, the form's words,
// one page, small (the font is subset), and never a standard PDF font.
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import {
  type CertificateDocument,
  renderAttendanceStatementPdf,
  renderCertificatePdf,
} from "../../bot/documents/index.js";
import { ruAcademicHours } from "../../bot/documents/texts.js";

const certificate: CertificateDocument = {
  number: "ҰБО-2026-000017",
  verificationCode: "K7QF-3MZX-P2AH",
  verifyUrl: "https://t.me/test_bot?start=v-K7QF3MZXP2AH",
  holder: { lastName: "Әбілқайыр", firstName: "Нұрсұлтан", patronymic: "Ғабитұлы", sex: "male" },
  academicHours: 72,
  issuedOn: "2026-04-29",
  provider: {
    nameKk: "«Құқық» оқу орталығы",
    nameRu: "Учебный центр «Құқық»",
    headName: "Өмірзақова Һ. Ү.",
    logo: null,
  },
  programTitle: { kk: "Балалардың құқықтарын қорғау", ru: "Защита прав детей" },
};

async function read(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  // Lines wrap where the layout decides; compare the words, not the line breaks.
  return { totalPages, text: text.replace(/\s+/g, " ") };
}

describe("the certificate PDF (Appendix 1)", () => {
  it("in Kazakh: number, full name with Kazakh letters, hours, the date as the form writes it, the organization", async () => {
    const bytes = await renderCertificatePdf(certificate, "kk");
    const { totalPages, text } = await read(bytes);
    expect(totalPages).toBe(1);
    expect(bytes.length).toBeLessThan(200 * 1024);
    for (const expected of [
      "«Құқық» оқу орталығы",
      "СЕРТИФИКАТ № ҰБО-2026-000017",
      "Осы сертификатпен",
      "Әбілқайыр Нұрсұлтан Ғабитұлы",
      "72 академиялық сағат көлемінде біліктілікті арттырудан өткендігі расталады",
      "Берілген күні «29» сәуір 2026 жыл",
      "Ұйым басшысы",
      "Өмірзақова Һ. Ү.",
      "М.О.",
      "K7QF-3MZX-P2AH",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("in Russian: the same certificate, the same number", async () => {
    const { text } = await read(await renderCertificatePdf(certificate, "ru"));
    expect(text).toContain("СЕРТИФИКАТ № ҰБО-2026-000017");
    expect(text).toContain("Настоящий сертификат подтверждает, что");
    expect(text).toContain("в объёме 72 академических часов");
    expect(text).toContain("Дата выдачи «29» апреля 2026 г.");
    expect(text).toContain("Руководитель организации");
    expect(text).toContain("М.П.");
    expect(text).toContain("прошёл повышение квалификации");
    expect(text).not.toContain("(а)");
  });

  it("in Russian agrees the verb with a woman's IIN", async () => {
    const holder = {
      lastName: "Ким",
      firstName: "Ольга",
      patronymic: null,
      sex: "female" as const,
    };
    const { text } = await read(await renderCertificatePdf({ ...certificate, holder }, "ru"));
    expect(text).toContain("прошла повышение квалификации");
    const statement = await read(
      await renderAttendanceStatementPdf(
        {
          ...certificate,
          holder,
          number: "6",
          programTitle: certificate.programTitle ?? { kk: "", ru: "" },
          startsOn: "2026-04-13",
          endsOn: "2026-04-24",
        },
        "ru",
      ),
    );
    expect(statement.text).toContain("прослушала программу");
    expect(statement.text).toContain("не прошла итоговое тестирование");
  });

  it("embeds only the subset DejaVu font, never Helvetica or Times", async () => {
    const raw = (await renderCertificatePdf(certificate, "kk")).toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times)/);
  });

  it("marks a revoked certificate across the page", async () => {
    const { text } = await read(
      await renderCertificatePdf({ ...certificate, status: "revoked" }, "ru"),
    );
    expect(text).toContain("АННУЛИРОВАН");
  });

  it("declines the hours in Russian", () => {
    expect(ruAcademicHours(40)).toBe("40 академических часов");
    expect(ruAcademicHours(41)).toBe("41 академического часа");
    expect(ruAcademicHours(72)).toBe("72 академических часов");
    expect(ruAcademicHours(111)).toBe("111 академических часов");
  });
});

describe("the attendance statement (item 13)", () => {
  it("says the person attended the programme without passing the final test", async () => {
    const { totalPages, text } = await read(
      await renderAttendanceStatementPdf(
        {
          ...certificate,
          number: "5",
          programTitle: certificate.programTitle ?? { kk: "", ru: "" },
          startsOn: "2026-04-13",
          endsOn: "2026-04-24",
        },
        "kk",
      ),
    );
    expect(totalPages).toBe(1);
    expect(text).toContain("Біліктілікті арттыру бағдарламасын тыңдағаны туралы");
    expect(text).toContain("Әбілқайыр Нұрсұлтан Ғабитұлы");
    expect(text).toContain("13.04.2026 – 24.04.2026");
    expect(text).toContain("қорытынды тестілеуден өтпеді");
  });
});
