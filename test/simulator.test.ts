// The simulator itself: strict where Telegram is strict, so a bot's mistakes fail
// tests instead of reaching people. Driven by a small grammY bot made here.
import { Bot, type CommandContext, type Context, InlineKeyboard, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { TelegramSimulator } from "./simulator/index.js";

function botOn(sim: TelegramSimulator, setup: (bot: Bot) => void): Bot {
  const bot = new Bot(sim.token, {
    botInfo: sim.botInfo,
    client: { fetch: sim.fetch, apiRoot: sim.apiRoot },
  });
  // Like the real bot's error boundary: errors are swallowed, so only the simulator can tell.
  bot.catch(() => undefined);
  setup(bot);
  sim.connect((update) => bot.handleUpdate(update));
  return bot;
}

const refusal = (text: RegExp | string) =>
  expect.objectContaining({ message: expect.stringMatching(text) });

describe("the simulator", () => {
  it("delivers commands and shows the replies, buttons and edits", async () => {
    const sim = new TelegramSimulator();
    botOn(sim, (bot) => {
      bot.command("start", (ctx) =>
        ctx.reply("<b>Hello</b> &amp; welcome", {
          parse_mode: "HTML",
          reply_markup: new InlineKeyboard().text("Go", "go"),
        }),
      );
      bot.callbackQuery("go", async (ctx) => {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText("Gone");
      });
    });
    const user = sim.user({ id: 1, language_code: "kk" });
    await user.send("/start");
    expect(user.lastText()).toBe("Hello & welcome");
    expect(user.inlineButtons()).toEqual(["Go"]);
    await user.press("Go");
    expect(user.lastText()).toBe("Gone");
    expect(user.messages).toHaveLength(1);
    expect(user.lastMessage.edited).toBe(true);
  });

  it.each([
    [
      "callback data over 64 bytes",
      (ctx: CommandContext<Context>) =>
        ctx.reply("x", { reply_markup: new InlineKeyboard().text("b", "ж".repeat(33)) }),
      /BUTTON_DATA_INVALID/,
    ],
    [
      "a message over 4096 characters",
      (ctx: CommandContext<Context>) => ctx.reply("я".repeat(4097)),
      /message is too long/,
    ],
    ["an empty message", (ctx: CommandContext<Context>) => ctx.reply(" "), /message text is empty/],
    [
      "broken HTML",
      (ctx: CommandContext<Context>) => ctx.reply("a < b", { parse_mode: "HTML" }),
      /can't parse entities/,
    ],
    [
      "an unclosed tag",
      (ctx: CommandContext<Context>) => ctx.reply("<b>bold", { parse_mode: "HTML" }),
      /can't parse entities/,
    ],
    [
      "a tag Telegram does not know",
      (ctx: CommandContext<Context>) => ctx.reply("<div>x</div>", { parse_mode: "HTML" }),
      /can't parse entities/,
    ],
    [
      "an edit of a message that does not exist",
      (ctx: CommandContext<Context>) => ctx.api.editMessageText(ctx.chat.id, 999, "x"),
      /message to edit not found/,
    ],
    [
      "a document over 50 MB",
      (ctx: CommandContext<Context>) =>
        ctx.replyWithDocument(new InputFile(Buffer.alloc(50 * 1024 * 1024 + 1), "big.pdf")),
      /Request Entity Too Large/,
    ],
    [
      "an unknown method",
      (ctx: CommandContext<Context>) =>
        (ctx.api.raw as unknown as Record<string, (p: object) => Promise<unknown>>).noSuchMethod?.(
          {},
        ),
      /Not Found/,
    ],
  ])("fails the test on %s", async (_name, handler, error) => {
    const sim = new TelegramSimulator();
    botOn(sim, (bot) => bot.command("go", handler));
    await expect(sim.user({ id: 2 }).send("/go")).rejects.toEqual(refusal(error));
  });

  it("fails an edit that changes nothing", async () => {
    const sim = new TelegramSimulator();
    botOn(sim, (bot) => {
      bot.command("go", (ctx) =>
        ctx.reply("same", { reply_markup: new InlineKeyboard().text("again", "again") }),
      );
      bot.callbackQuery("again", async (ctx) => {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText("same", {
          reply_markup: new InlineKeyboard().text("again", "again"),
        });
      });
    });
    const user = sim.user({ id: 3 });
    await user.send("/go");
    await expect(user.press("again")).rejects.toEqual(refusal(/message is not modified/));
  });

  it("fails a button press the bot never answered, and an answer given twice", async () => {
    const sim = new TelegramSimulator();
    botOn(sim, (bot) => {
      bot.command("go", (ctx) =>
        ctx.reply("?", {
          reply_markup: new InlineKeyboard().text("silent", "s").text("twice", "t"),
        }),
      );
      bot.callbackQuery("s", () => undefined);
      bot.callbackQuery("t", async (ctx) => {
        await ctx.answerCallbackQuery();
        await ctx.answerCallbackQuery();
      });
    });
    const user = sim.user({ id: 4 });
    await user.send("/go");
    await expect(user.press("silent")).rejects.toEqual(refusal(/was not answered/));
    await expect(user.press("twice")).rejects.toEqual(refusal(/query is too old/));
  });

  it("refuses messages to a chat that never wrote, and 403s a user who blocked the bot", async () => {
    const sim = new TelegramSimulator();
    const bot = botOn(sim, () => undefined);
    await expect(bot.api.sendMessage(424242, "hi")).rejects.toThrow(/chat not found/);
    sim.user({ id: 5 });
    sim.block(5);
    await expect(bot.api.sendMessage(5, "hi")).rejects.toThrow(/bot was blocked by the user/);
    expect(sim.violations).toEqual(["sendMessage: Bad Request: chat not found"]);
  });

  it("round-trips an uploaded document with its Kazakh file name, and serves files users sent", async () => {
    const sim = new TelegramSimulator();
    const received: string[] = [];
    botOn(sim, (bot) => {
      bot.command("doc", (ctx) =>
        ctx.replyWithDocument(new InputFile(Buffer.from("%PDF-1.7 ӘҒҚ"), "Сертификат ҰБО-1.pdf")),
      );
      bot.on("message:document", async (ctx) => {
        const file = await ctx.getFile();
        const response = await sim.fetch(`${sim.apiRoot}/file/bot${sim.token}/${file.file_path}`);
        received.push(Buffer.from(await response.arrayBuffer()).toString("utf8"));
        await ctx.reply("got it");
      });
    });
    const user = sim.user({ id: 6 });
    await user.send("/doc");
    expect(user.lastMessage.document?.file_name).toBe("Сертификат ҰБО-1.pdf");
    expect(user.lastMessage.document?.bytes.toString("utf8")).toBe("%PDF-1.7 ӘҒҚ");
    await user.sendDocument({
      fileName: "тізім.csv",
      mimeType: "text/csv",
      bytes: Buffer.from("ЖСН;Тегі"),
    });
    expect(received).toEqual(["ЖСН;Тегі"]);
  });

  it("injects 429 and 403 answers for the tests of delivery", async () => {
    const sim = new TelegramSimulator();
    const bot = botOn(sim, () => undefined);
    sim.user({ id: 7 });
    sim.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    await expect(bot.api.sendMessage(7, "hi")).rejects.toMatchObject({
      error_code: 429,
      parameters: { retry_after: 3 },
    });
    await bot.api.sendMessage(7, "hi");
    expect(sim.violations).toEqual([]);
  });

  it("serves a real bot process over HTTP with long polling", async () => {
    const sim = new TelegramSimulator();
    const server = await sim.listen();
    const bot = new Bot(sim.token, { client: { apiRoot: server.url } });
    bot.command("start", (ctx) => ctx.reply("Сәлем!"));
    const polling = bot.start({ timeout: 1 });
    try {
      const user = sim.user({ id: 8 });
      await user.send("/start");
      expect(user.lastText()).toBe("Сәлем!");
    } finally {
      await bot.stop();
      await polling;
      await server.close();
    }
  });
});
