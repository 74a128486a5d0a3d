// Compliance as a picture: a regional coordinator's districts and the admin's regions
// as a PNG photo whose caption carries the same numbers, the list season against
// 1 November and 1 December, and the same figures as XLSX. Nobody sees another scope.
import ExcelJS from "exceljs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import type { SimMessage } from "../simulator/bot-api.js";
import { createEmployee, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const ADMIN = 9901;
const REGIONAL = 9902;
const DISTRICT = 9903;
let app: TestBot;
let region: number;
let semey: number;
let abaiDistrict: number;

beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN] });
  const db = app.deps.db;
  region = await unitId(db, KATO.abaiRegion);
  semey = await unitId(db, KATO.semeyCity);
  abaiDistrict = await unitId(db, KATO.abaiDistrict);
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  await grantRole(db, DISTRICT, "district_coordinator", { unitId: semey });
  // Today is 26 November 2026 (Almaty). Semey: 2 up to date, 1 due this year, 3 overdue,
  // 1 never trained. Abai district: 1 up to date, 1 overdue.
  const semeyCertificates = [
    "2026-01-10",
    "2025-06-01",
    "2024-12-20",
    "2024-03-01",
    "2024-05-01",
    "2023-01-01",
    null,
  ];
  for (const on of semeyCertificates)
    await createEmployee(db, { unitId: semey, previousCertificateOn: on });
  for (const on of ["2026-02-02", "2024-01-15"])
    await createEmployee(db, { unitId: abaiDistrict, previousCertificateOn: on });
  // The list season for 2027: Semey sent its list late (3 November), Abai district's
  // was accepted, sent on 30 October; the consolidated list is not approved.
  await db
    .insertInto("lists")
    .values([
      {
        unit_id: semey,
        year: 2027,
        kind: "district",
        status: "submitted",
        late: true,
        submitted_at: new Date("2026-11-03T10:00:00+05:00"),
      },
      {
        unit_id: abaiDistrict,
        year: 2027,
        kind: "district",
        status: "accepted",
        late: false,
        submitted_at: new Date("2026-10-30T10:00:00+05:00"),
      },
    ])
    .execute();
  app.clock.set("2026-11-26T10:00:00+05:00");
  for (const id of [ADMIN, REGIONAL, DISTRICT])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
});
afterAll(() => app.database.close());

/** Width and height from the PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function photoOf(message: SimMessage): Buffer {
  expect(message.photo).toBeDefined();
  return message.photo?.bytes ?? Buffer.alloc(0);
}

describe("the regional compliance chart", () => {
  it("is a PNG sized for a phone, with every number in the caption", async () => {
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.send("/menu");
    await regional.press("📊 Обзор");
    await regional.press("📈 Диаграмма");
    const png = photoOf(regional.lastMessage);
    const { width, height } = pngSize(png);
    // Laid out 360 px wide, rasterised twice as large for sharp text.
    expect(width).toBe(720);
    expect(height).toBeGreaterThan(400);
    expect(height).toBeLessThan(4000);
    expect(png.length).toBeLessThan(1_000_000);
    const caption = regional.lastText();
    expect(caption).toContain("Всего / в срок / срок в этом году / просрочено / нет сведений:");
    expect(caption).toContain("Всего: 9 / 3 / 1 / 4 / 1");
    expect(caption).toContain("Город Семей: 7 / 2 / 1 / 3 / 1");
    expect(caption).toContain("Абайский район: 2 / 1 / 0 / 1 / 0");
    // Worst share overdue first: Abai district (1 of 2) before Semey (3 of 7).
    expect(caption.indexOf("Абайский район")).toBeLessThan(caption.indexOf("Город Семей"));
    expect(regional.inlineButtons()).toContain("📈 Сезон списков");
  });

  it("shows the list season against 1 November and 1 December", async () => {
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.press("📈 Сезон списков");
    expect(pngSize(photoOf(regional.lastMessage)).width).toBe(720);
    const caption = regional.lastText();
    expect(caption).toContain(
      "принято 1, направлено 1 (из них после установленного срока 1), возвращено 0, не направлено 10 из 12",
    );
    expect(caption).toContain("Сводный список не утверждён");
    expect(caption).toContain("Город Семей: направлен после установленного срока 03.11.2026");
    expect(caption).toContain("Абайский район: принят 30.10.2026");
  });

  it("gives the same figures as XLSX", async () => {
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.press("📊 Таблица XLSX");
    const file = regional.lastMessage.document;
    expect(file?.file_name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file?.bytes as unknown as ArrayBuffer);
    const status = book.getWorksheet("Сроки обучения");
    const rows = (status?.getSheetValues() ?? []).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows).toContainEqual(["Город Семей", 7, 2, 1, 3, 1, 42.9]);
    expect(rows).toContainEqual(["Всего", 9, 3, 1, 4, 1, 44.4]);
    const season = book.getWorksheet("Списки 2027");
    const seasonRows = (season?.getSheetValues() ?? []).map((r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    expect(seasonRows).toContainEqual([
      "Город Семей",
      "направлен после установленного срока",
      "03.11.2026",
      "да",
    ]);
  });
});

describe("the national chart", () => {
  it("shows every region for the admin, in Kazakh too", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
    await admin.send("/menu");
    await admin.press("📊 Обзор по республике");
    await admin.press("📈 Диаграмма");
    expect(pngSize(photoOf(admin.lastMessage)).width).toBe(720);
    const caption = admin.lastText();
    expect(caption).toContain("Всего: 9 / 3 / 1 / 4 / 1");
    expect(caption).toContain("Область Абай: 9 / 3 / 1 / 4 / 1");
    expect(caption).toContain("Акмолинская область: 0 / 0 / 0 / 0 / 0");

    await admin.send("/language");
    await admin.press("Қазақ тілі");
    await admin.send("/menu");
    await admin.press("📊 Республика бойынша шолу");
    await admin.press("📈 Тізімдер маусымы");
    const kk = admin.lastText();
    expect(kk).toContain("2027 жылға арналған тізімдер өңірлер бойынша");
    expect(kk).toContain("Абай облысы: 1 / 0 / 1 / 0 / 10");
  });
});

describe("scope", () => {
  it("a district coordinator cannot open a region's or the country's chart, even by forged data", async () => {
    const district = app.sim.user({ id: DISTRICT, language_code: "ru" });
    await district.send("/menu");
    await district.press("📊 Обзор");
    expect(district.inlineButtons()).not.toContain("📈 Диаграмма");
    const before = district.messages.length;
    for (const data of [
      routes.complianceChart.pack({ grant: { role: "regional_coordinator", unitId: region } }),
      routes.complianceChart.pack({ grant: { role: "admin" } }),
      `cs:d${semey}`,
      routes.complianceFile.pack({ grant: { role: "admin" } }),
    ])
      await district.pressCallbackData(data, district.lastMessage.message_id);
    expect(district.messages.length).toBe(before);
    expect(district.messages.some((m) => m.photo)).toBe(false);
  });
});

/**
 * Text cut by the picture's edge runs into it: the outermost 6 px columns (3 px as laid
 * out) on either side must be blank (the plot, the legend and the axis keep a margin).
 */
async function edgeInk(png: Buffer): Promise<{ left: number; right: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const ink = (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) < 160;
  };
  const count = { left: 0, right: 0 };
  for (let y = 0; y < info.height; y++)
    for (let d = 0; d < 6; d++) {
      if (ink(d, y)) count.left++;
      if (ink(info.width - 1 - d, y)) count.right++;
    }
  return count;
}

describe("long names", () => {
  it("wrap in the chart's title and beside its bars: the longest region and district names and Akmola's, in Kazakh and Russian", async () => {
    const db = app.deps.db;
    const units = await db
      .selectFrom("units")
      .select(["id", "parent_id", "level", "name_kk", "name_ru"])
      .execute();
    const longest = (level: "region" | "district", language: "kk" | "ru") =>
      units
        .filter((u) => u.level === level)
        .reduce((a, b) => (b[`name_${language}`].length > a[`name_${language}`].length ? b : a));
    let id = 9950;
    for (const language of ["kk", "ru"] as const) {
      const district = longest("district", language);
      await createEmployee(db, { unitId: district.id });
      // Akmola region's Russian title is where the cut was seen («…Акмолинская обл»).
      const akmola = await unitId(db, KATO.akmolaRegion);
      for (const regionId of [longest("region", language).id, district.parent_id ?? 0, akmola]) {
        const coordinator = id++;
        await grantRole(db, coordinator, "regional_coordinator", { unitId: regionId });
        const user = app.sim.user({ id: coordinator, language_code: language });
        await user.send("/start");
        await user.press(language === "kk" ? "📊 Шолу" : "📊 Обзор");
        const region = units.find((u) => u.id === regionId);
        for (const button of language === "kk"
          ? ["📈 Диаграмма", "📈 Тізімдер маусымы"]
          : ["📈 Диаграмма", "📈 Сезон списков"]) {
          await user.press(button);
          const where = `${region?.[`name_${language}`]}, ${button}`;
          if (button === "📈 Диаграмма")
            expect(user.lastText(), where).toContain(region?.[`name_${language}`]);
          expect(await edgeInk(photoOf(user.lastMessage)), where).toEqual({ left: 0, right: 0 });
        }
      }
    }
  });
});
