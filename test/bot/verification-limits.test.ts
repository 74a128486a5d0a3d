// Verification that holds against many accounts: limits per account (successes
// count too), per certificate (IIN guesses from all accounts together) and overall
// (look-ups by number, which can be walked through); a number alone shows no name;
// one history entry per checker a day; old look-up rows are pruned.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VERIFY_LIMITS } from "../../bot/services/verification.js";
import {
  createEmployee,
  createProvider,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const HOLDER = 9400;
let app: TestBot;
let iin: string;
let nextAccount = 9_500;
const numbers: string[] = [];
let firstCertificateId = 0;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  const providerId = await createProvider(db, "ТЕК");
  const employeeId = await createEmployee(db, {
    unitId: await unitId(db, KATO.abaiDistrict),
    telegramId: HOLDER,
    lastName: "Сейтқали",
    firstName: "Айгүл",
  });
  iin = (
    await db
      .selectFrom("employees")
      .select("iin")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow()
  ).iin;
  for (let i = 1; i <= 30; i++) {
    const number = `ТЕК-2026-${String(i).padStart(6, "0")}`;
    const id = await issueCertificate(db, {
      employeeId,
      providerId,
      issuedOn: "2026-06-01",
      number,
    });
    // A code as the bot makes them: 12 Crockford base-32 characters.
    await db
      .updateTable("certificates")
      .set({ verification_code: code(i) })
      .where("id", "=", id)
      .execute();
    if (i === 1) firstCertificateId = id;
    numbers.push(number);
  }
});
afterAll(() => app.database.close());

const code = (i: number) => `TEST${String(i).padStart(8, "0")}`;

// Each story starts on a fresh day, so the hourly and daily windows are its own.
beforeEach(() => app.clock.advanceDays(3));

function freshAccount() {
  return app.sim.user({ id: nextAccount++, language_code: "ru" });
}

describe("one account", () => {
  it("reading sequential numbers is slowed after the hourly limit, successes counted", async () => {
    const reader = freshAccount();
    for (const number of numbers.slice(0, VERIFY_LIMITS.perAccountPerHour)) {
      await reader.send(`/verify ${number}`);
      expect(reader.lastText()).toContain("Статус: ✅ действителен");
    }
    await reader.send(`/verify ${numbers[VERIFY_LIMITS.perAccountPerHour]}`);
    expect(reader.lastText()).toContain("не больше 20 в час");
    expect(reader.lastText()).toMatch(/Повторите через \d+ мин/);
  });

  it("sees no name by number alone, and the initials by the QR code", async () => {
    const checker = freshAccount();
    await checker.send(`/verify ${numbers[0]}`);
    expect(checker.lastText()).not.toContain("Владелец");
    expect(checker.lastText()).toContain("по одному номеру не показывается");
    await checker.send(`/start v-${code(1)}`);
    expect(checker.lastText()).toContain("Владелец: С. А.");
  });
});

describe("many accounts", () => {
  it("cannot guess a holder's IIN: the IIN check pauses for the certificate after 3 wrong ones", async () => {
    const guessers = Array.from({ length: 5 }, freshAccount);
    for (const [index, guesser] of guessers.slice(0, 3).entries()) {
      await guesser.send(`/verify ${numbers[1]} 9001014000${10 + index}`);
      expect(guesser.lastText()).toContain("ИИН не совпадает");
    }
    // The fourth account, even with the right IIN, sees no name today.
    await guessers[3]?.send(`/verify ${numbers[1]} ${iin}`);
    expect(guessers[3]?.lastText()).toContain("приостановлена до завтра");
    expect(guessers[3]?.lastText()).not.toContain("Сейтқали");
    // Another certificate is not affected; the next day this one answers again.
    await guessers[4]?.send(`/verify ${numbers[2]} ${iin}`);
    expect(guessers[4]?.lastText()).toContain("Владелец: Сейтқали Айгүл");
    app.clock.advanceDays(1);
    await guessers[4]?.send(`/verify ${numbers[1]} ${iin}`);
    expect(guessers[4]?.lastText()).toContain("Владелец: Сейтқали Айгүл");
  });

  it("together get at most the overall limit of look-ups by number an hour; the QR code still works", async () => {
    for (let i = 0; i < VERIFY_LIMITS.byNumberPerHour; i++) {
      const account = freshAccount();
      await account.send(`/verify ${numbers[i % numbers.length]}`);
      expect(account.lastText()).toContain("Статус:");
    }
    const late = freshAccount();
    await late.send(`/verify ${numbers[3]}`);
    expect(late.lastText()).toContain("Проверка по номеру сейчас перегружена");
    await late.send(`/start v-${code(4)}`);
    expect(late.lastText()).toContain("Статус: ✅ действителен");
  }, 180_000);
});

describe("the history and the look-up table", () => {
  it("keep one entry per checker a day, however often they check", async () => {
    const count = async () =>
      (
        await app.deps.db
          .selectFrom("certificate_checks")
          .select("id")
          .where("certificate_id", "=", firstCertificateId)
          .execute()
      ).length;
    const before = await count();
    const checker = freshAccount();
    for (let i = 0; i < 5; i++) await checker.send(`/start v-${code(1)}`);
    expect(await count()).toBe(before + 1);
    app.clock.advanceDays(1);
    await checker.send(`/start v-${code(1)}`);
    expect(await count()).toBe(before + 2);
  });

  it("drops look-up rows older than two days", async () => {
    const old = new Date(app.clock.now().getTime() - 3 * 86_400_000);
    await app.deps.db
      .insertInto("verification_lookups")
      .values({ telegram_user_id: 1, outcome: "not_found", asked_by: "by_code", at: old })
      .execute();
    await freshAccount().send(`/verify ${numbers[5]}`);
    const left = await app.deps.db
      .selectFrom("verification_lookups")
      .select("id")
      .where("at", "<", new Date(app.clock.now().getTime() - 2 * 86_400_000))
      .execute();
    expect(left).toEqual([]);
  });
});
