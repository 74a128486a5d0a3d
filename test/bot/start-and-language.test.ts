// A person's first /start: the language comes from Telegram when it is kk or ru,
// otherwise they pick it; /language switches it and it is remembered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/harness.js";

let app: TestBot;
beforeAll(async () => {
  app = await startTestBot();
});
afterAll(() => app.database.close());

async function storedLanguage(telegramId: number) {
  const row = await app.deps.db
    .selectFrom("telegram_users")
    .select("language")
    .where("telegram_id", "=", telegramId)
    .executeTakeFirst();
  return row?.language;
}

describe("first /start", () => {
  it("answers in Kazakh to a Kazakh Telegram and remembers it", async () => {
    const user = app.sim.user({ id: 1001, language_code: "kk" });
    await user.send("/start");
    expect(user.texts().join("\n")).toContain("Сәлеметсіз бе");
    expect(user.lastText()).toContain("ешбір рөл берілмеген");
    expect(await storedLanguage(1001)).toBe("kk");
  });

  it("answers in Russian to a Russian Telegram", async () => {
    const user = app.sim.user({ id: 1002, language_code: "ru" });
    await user.send("/start");
    expect(user.texts().join("\n")).toContain("Здравствуйте");
    expect(user.lastText()).toContain("ещё не назначена ни одна роль");
  });

  it("asks someone with another Telegram language to pick, in both languages", async () => {
    const user = app.sim.user({ id: 1003, language_code: "en" });
    await user.send("/start");
    expect(user.lastText()).toContain("Тілді таңдаңыз");
    expect(user.lastText()).toContain("Выберите язык");
    expect(await storedLanguage(1003)).toBeNull();

    await user.press("Русский язык");
    expect(user.texts().join("\n")).toContain("Язык: русский.");
    expect(user.texts().join("\n")).toContain("Здравствуйте");
    expect(await storedLanguage(1003)).toBe("ru");
  });
});

describe("/language", () => {
  it("switches the language and every later answer follows it", async () => {
    const user = app.sim.user({ id: 1004, language_code: "ru" });
    await user.send("/start");
    await user.send("/language");
    await user.press("Қазақ тілі");
    expect(user.texts().join("\n")).toContain("Тіл: қазақ тілі.");
    expect(await storedLanguage(1004)).toBe("kk");

    await user.send("/menu");
    expect(user.lastText()).toContain("ешбір рөл берілмеген");
    // Telegram still says "ru": the person's choice wins.
    await user.send("/start");
    expect(user.lastText()).toContain("ешбір рөл берілмеген");
  });
});

describe("no role", () => {
  it("explains what to ask for and offers the phone-number button", async () => {
    const user = app.sim.user({ id: 1005, language_code: "kk" });
    await user.send("/start");
    expect(user.lastText()).toContain("шақыру сілтемесін");
    const keyboard = user.replyKeyboard();
    expect(keyboard?.flat().some((b) => b.request_contact === true)).toBe(true);
  });

  it("answers text it does not understand with a hint, not silence", async () => {
    const user = app.sim.user({ id: 1006, language_code: "ru" });
    await user.send("привет");
    expect(user.texts().join("\n")).toContain("Не понял вас");
  });
});

describe("when something goes wrong", () => {
  it("the person gets a short apology in their language, never a stack trace", async () => {
    const user = app.sim.user({ id: 1007, language_code: "ru" });
    await user.send("/start");
    app.sim.failNext(
      "sendMessage",
      { error_code: 500, description: "Internal Server Error" },
      { chatId: 1007 },
    );
    await user.send("/about");
    expect(user.lastText()).toBe(
      "Извините, произошла ошибка. Попробуйте повторить чуть позже. Если ошибка повторится, обратитесь к своему координатору.",
    );
    expect(user.texts().join("\n")).not.toMatch(/Error|at .*\.ts/);
  });
});

describe("blocking the bot", () => {
  it("marks the person unreachable until they unblock it", async () => {
    const user = app.sim.user({ id: 1008, language_code: "kk" });
    await user.send("/start");
    const unreachable = async () =>
      (
        await app.deps.db
          .selectFrom("telegram_users")
          .select("unreachable_at")
          .where("telegram_id", "=", 1008)
          .executeTakeFirstOrThrow()
      ).unreachable_at;
    await user.blockBot();
    expect(await unreachable()).not.toBeNull();
    await user.unblockBot();
    expect(await unreachable()).toBeNull();
  });
});
