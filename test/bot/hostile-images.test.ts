// Images from people are decoded completely before the bot keeps them, and an image
// already stored that cannot be read never takes the process down.
import { Writable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import {
  createEmployee,
  createProvider,
  grantRole,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { hugeTransparentPngHeader, transparentPng, truncatedRgbaPng } from "../support/images.js";
import { waitFor } from "../support/wait-for.js";

const PROVIDER_COORDINATOR = 7300;
const HOLDER = 7301;
const OTHER_COORDINATOR = 7302;
let app: TestBot;
let providerId: number;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  providerId = await createProvider(db, "ЛОГ");
  const employeeId = await createEmployee(db, {
    unitId: await unitId(db, KATO.abaiDistrict),
    telegramId: HOLDER,
  });
  await grantRole(db, PROVIDER_COORDINATOR, "provider_coordinator", { providerId });
  await issueCertificate(db, {
    employeeId,
    providerId,
    issuedOn: "2026-06-01",
    number: "ЛОГ-2026-000001",
  });
});
afterAll(() => app.database.close());

async function storedLogo() {
  const row = await app.deps.db
    .selectFrom("providers")
    .select(["logo", "logo_mime_type"])
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();
  return row;
}

async function openLogoScreen() {
  const coordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "ru" });
  await coordinator.send("/menu");
  await coordinator.press("🖼 Логотип организации");
  return coordinator;
}

describe("a logo", () => {
  it("that is a truncated PNG is refused with a clear message, and nothing is stored", async () => {
    const coordinator = await openLogoScreen();
    await coordinator.sendDocument({
      fileName: "logo.png",
      mimeType: "image/png",
      bytes: truncatedRgbaPng(),
    });
    expect(coordinator.lastText()).toContain("Не удалось прочитать изображение");
    expect((await storedLogo()).logo).toBeNull();
    await coordinator.send("/cancel");
  });

  it("that claims 12000×12000 pixels is refused from its header at once, with the limits", async () => {
    const coordinator = await openLogoScreen();
    const started = performance.now();
    await coordinator.sendDocument({
      fileName: "logo.png",
      mimeType: "image/png",
      bytes: hugeTransparentPngHeader(),
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(coordinator.lastText()).toContain("12000×12000");
    expect(coordinator.lastText()).toContain("не больше 4096 точек");
    expect((await storedLogo()).logo).toBeNull();
    // The question stands: a good picture is then taken.
    await coordinator.sendDocument({
      fileName: "logo.png",
      mimeType: "image/png",
      bytes: await transparentPng(1600, 800),
    });
    expect(coordinator.lastText()).toContain("Логотип сохранён");
  });

  it("is kept re-encoded: an RGB PNG of at most 600 pixels a side, transparency on white", async () => {
    const { logo, logo_mime_type } = await storedLogo();
    expect(logo_mime_type).toBe("image/png");
    const meta = await sharp(Buffer.from(logo ?? [])).metadata();
    expect(meta).toMatchObject({ format: "png", width: 600, height: 300, channels: 3 });
  });

  it("in Kazakh: the refusal is in Kazakh", async () => {
    const coordinator = app.sim.user({ id: OTHER_COORDINATOR, language_code: "kk" });
    await grantRole(app.deps.db, OTHER_COORDINATOR, "provider_coordinator", { providerId });
    await coordinator.send("/menu");
    await coordinator.press("🖼 Ұйымның логотипі");
    await coordinator.sendPhoto({ bytes: truncatedRgbaPng() });
    expect(coordinator.lastText()).toContain("Суретті оқу мүмкін болмады");
    await coordinator.send("/cancel");
  });
});

describe("a stored logo that cannot be read", () => {
  it("leaves the certificate without the logo, logs the error, and the bot goes on", async () => {
    // As a row written before images were checked: the damage only shows when decoded.
    await app.deps.db
      .updateTable("providers")
      .set({ logo: truncatedRgbaPng(), logo_mime_type: "image/png" })
      .where("id", "=", providerId)
      .execute();
    const lines: string[] = [];
    const previousLogger = app.deps.logger;
    app.deps.logger = createLogger(
      "error",
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    try {
      const holder = app.sim.user({ id: HOLDER, language_code: "ru" });
      await holder.send("/menu");
      await holder.press("📄 Мои документы");
      await holder.press(/ЛОГ-2026-000001/);
      const pdf = holder.messages.findLast((m) => m.document)?.document?.bytes;
      expect(pdf?.subarray(0, 5).toString()).toBe("%PDF-");
      // Only the QR code (an image and its transparency mask): the logo was left out.
      expect(pdf?.toString("latin1").match(/\/Subtype \/Image/g)?.length).toBe(2);
      // The decoding error is logged, however late it surfaces, before the bot is used again.
      await waitFor(() => lines.join("").includes("stored image cannot be used"));
      const before = holder.messages.length;
      await holder.send("/menu");
      expect(holder.messages.length).toBe(before + 1);
    } finally {
      app.deps.logger = previousLogger;
    }
    expect(lines.join("")).toContain("stored image cannot be used");
  });
});
