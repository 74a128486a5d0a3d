// The head's order (item 9): a regional coordinator takes the draft of the order from
// the enrolment screen before the order exists — DOCX that opens and PDF, in Russian
// and in Kazakh —, then enters the signed order's number and date; the order is kept
// and produced again later exactly as it was, even after the cohort and a name change.
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
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

const REGIONAL = 9610;
const OTHER_REGIONAL = 9611;
let app: TestBot;
let cohortId: number;
let employeeIds: number[];

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  const providerId = await createProvider(db, "ҰБО");
  const region = await unitId(db, KATO.abaiRegion);
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  await grantRole(db, OTHER_REGIONAL, "regional_coordinator", {
    unitId: await unitId(db, KATO.akmolaRegion),
  });
  employeeIds = [
    await createEmployee(db, {
      unitId: region,
      lastName: "Әбілқайыр",
      firstName: "Нұрсұлтан",
      patronymic: "Ғабитұлы",
      position: "бас маман",
    }),
    await createEmployee(db, {
      unitId: region,
      lastName: "Ким",
      firstName: "Ольга",
      patronymic: null,
      position: "главный специалист",
    }),
  ];
  cohortId = await createCohort(db, {
    providerId,
    startsOn: "2027-02-01",
    endsOn: "2027-02-12",
    academicHours: 72,
    form: "remote",
    remoteBasis: "quarantine",
  });
  for (const id of [REGIONAL, OTHER_REGIONAL])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  const approvedAt = new Date("2026-11-28T10:00:00+05:00");
  const list = await openList(db, region, 2027, "regional", REGIONAL, approvedAt);
  await approveConsolidated(db, list.id, 2027, REGIONAL, approvedAt);
  // The order is signed and entered on 15 January (item 9: not dated in the future).
  app.clock.set("2027-01-15T10:00:00+05:00");
});
afterAll(() => app.database.close());

async function documentXml(message: SimMessage | undefined): Promise<string> {
  expect(message?.document?.file_name).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(message?.document?.bytes ?? Buffer.alloc(0));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  // Words may be split over runs; the text of the runs, joined, is what Word shows.
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

async function pdfText(message: SimMessage | undefined): Promise<string> {
  expect(message?.document?.file_name).toMatch(/\.pdf$/);
  const pdf = await getDocumentProxy(new Uint8Array(message?.document?.bytes ?? []));
  return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
}

describe("the draft of the head's order", () => {
  it("comes before the order exists, as a DOCX that opens and a PDF, in Russian and Kazakh", async () => {
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.send("/menu");
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    await regional.press("☐ Ким Ольга");
    await regional.press("☐ Әбілқайыр Нұрсұлтан");
    await regional.press("Далее (2) ›");
    expect(regional.lastText()).toContain("Проект приказа о направлении на повышение квалификации");

    await regional.press("📄 На русском");
    const [docx, pdf] = regional.messages.slice(-3, -1);
    expect(docx?.caption).toContain("Проект приказа");
    const ru = await documentXml(docx);
    expect(ru).toContain("ПРОЕКТ");
    expect(ru).toContain("О направлении на повышение квалификации");
    expect(ru).toContain("ПРИКАЗЫВАЮ:");
    expect(ru).toContain("пунктом 9 Правил");
    expect(ru).toContain("от 29 апреля 2026 года № 114-НҚ");
    expect(ru).toContain("Әбілқайыр Нұрсұлтан Ғабитұлы");
    expect(ru).toContain("Ким Ольга");
    expect(ru).toContain("с 01.02.2027 по 12.02.2027");
    expect(ru).toContain("72 академических часов");
    expect(ru).toContain("подпункта 2) пункта 4 Правил (карантин)");
    expect(ru).toContain("№ __________");
    // The table lists people by name: Ә comes before К in Kazakh order.
    expect(ru.indexOf("Әбілқайыр")).toBeLessThan(ru.indexOf("Ким Ольга"));
    const ruPdf = await pdfText(pdf);
    expect(ruPdf).toContain("ПРИКАЗЫВАЮ:");
    expect(ruPdf).toContain("Әбілқайыр Нұрсұлтан Ғабитұлы");
    expect(ruPdf).toContain("01.02.2027");

    await regional.press("📄 На казахском");
    const [kkDocx, kkPdf] = regional.messages.slice(-3, -1);
    const kk = await documentXml(kkDocx);
    expect(kk).toContain("ЖОБА");
    expect(kk).toContain("Біліктілікті арттыруға жіберу туралы");
    expect(kk).toContain("БҰЙЫРАМЫН:");
    expect(kk).toContain("2026 жылғы 29 сәуірдегі № 114-НҚ");
    expect(kk).toContain("01.02.2027 – 12.02.2027");
    expect(kk).toContain("Ким Ольга");
    expect(await pdfText(kkPdf)).toContain("БҰЙЫРАМЫН:");

    await regional.press("Номер и дата приказа ›");
    await regional.send("47-ө");
    await regional.send("15.01.2027");
    expect(regional.lastText()).toContain(
      "Направлено на обучение: 2 (приказ № 47-ө от 15.01.2027)",
    );
  });

  it("is kept once signed and produced again exactly as it was, with its number and date", async () => {
    const db = app.deps.db;
    const enrolments = await db
      .selectFrom("enrolments")
      .select("head_order_id")
      .where("employee_id", "in", employeeIds)
      .execute();
    expect(enrolments).toHaveLength(2);
    expect(new Set(enrolments.map((e) => e.head_order_id)).size).toBe(1);
    const kept = await db.selectFrom("head_orders").selectAll().executeTakeFirstOrThrow();
    expect(enrolments[0]?.head_order_id).toBe(kept.id);
    expect(kept).toMatchObject({ cohort_id: cohortId, number: "47-ө", order_date: "2027-01-15" });
    // Later the cohort moves and a name is corrected: the signed order does not change.
    await db
      .updateTable("cohorts")
      .set({ starts_on: "2027-02-08", ends_on: "2027-02-19" })
      .execute();
    await db
      .updateTable("employees")
      .set({ last_name: "Кимова" })
      .where("id", "=", employeeIds[1] ?? 0)
      .execute();

    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.send("/menu");
    await regional.press("🗃 Приказы о направлении");
    expect(regional.lastText()).toContain(
      "№ 47-ө от 15.01.2027: «Защита прав детей: современные подходы», 01.02.2027 – 12.02.2027, работников: 2",
    );
    await regional.press("№ 47-ө, 15.01.2027 · РУС");
    const [docx, pdf] = regional.messages.slice(-2);
    expect(docx?.caption).toBe("Приказ № 47-ө от 15.01.2027");
    const ru = await documentXml(docx);
    expect(ru).toContain("№ 47-ө");
    expect(ru).toContain("15 января 2027 г.");
    expect(ru).not.toContain("ПРОЕКТ");
    expect(ru).toContain("с 01.02.2027 по 12.02.2027");
    expect(ru).toContain("Ким Ольга");
    expect(ru).not.toContain("Кимова");
    expect(await pdfText(pdf)).toContain("№ 47-ө");

    // Twice the same: the PDF's bytes do not depend on when it is produced.
    await regional.press("№ 47-ө, 15.01.2027 · РУС");
    expect(
      regional.messages.at(-1)?.document?.bytes.equals(pdf?.document?.bytes ?? Buffer.alloc(0)),
    ).toBe(true);
  });

  it("is not shown to the coordinator of another region, even by forged callback data", async () => {
    const order = await app.deps.db
      .selectFrom("head_orders")
      .select(["id"])
      .executeTakeFirstOrThrow();
    const other = app.sim.user({ id: OTHER_REGIONAL, language_code: "ru" });
    await other.send("/menu");
    await other.press("🗃 Приказы о направлении");
    expect(other.lastText()).toContain("Приказов, внесённых через бот, пока нет");
    const before = other.messages.length;
    const grant = await app.deps.db
      .selectFrom("memberships")
      .select("unit_id")
      .where("telegram_user_id", "=", OTHER_REGIONAL)
      .executeTakeFirstOrThrow();
    await other.pressCallbackData(
      routes.headOrderFiles.pack({
        grant: { role: "regional_coordinator", unitId: grant.unit_id ?? 0 },
        order: order.id,
        language: "ru",
      }),
      other.lastMessage.message_id,
    );
    expect(other.messages.length).toBe(before);
  });
});
