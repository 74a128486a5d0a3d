// What the simulator offers the playground: refusals reported as they happen (with
// the chat), every call observed, the person's own messages kept with what they
// sent, Telegram's clock, and the 20 MB limit on files a bot downloads.
import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { TelegramSimulator } from "./simulator/index.js";

function botOn(sim: TelegramSimulator, setup: (bot: Bot) => void): Bot {
  const bot = new Bot(sim.token, {
    botInfo: sim.botInfo,
    client: { fetch: sim.fetch, apiRoot: sim.apiRoot },
  });
  bot.catch(() => undefined);
  setup(bot);
  sim.connect((update) => bot.handleUpdate(update));
  return bot;
}

describe("the simulator's hooks", () => {
  it("reports each refusal with its chat, and every call", async () => {
    const sim = new TelegramSimulator();
    const refusals: Array<[string, number | undefined]> = [];
    const methods: string[] = [];
    sim.onViolation((text, chatId) => refusals.push([text, chatId]));
    sim.onCall((call) => methods.push(call.method));
    botOn(sim, (bot) => bot.command("go", (ctx) => ctx.reply("<b>half", { parse_mode: "HTML" })));
    await expect(sim.user({ id: 5 }).send("/go")).rejects.toThrow(/can't parse entities/);
    expect(refusals).toEqual([[expect.stringMatching(/^sendMessage: .*can't parse/), 5]]);
    expect(methods).toEqual(["sendMessage"]);
  });

  it("keeps what the person sent, dated by Telegram's clock", async () => {
    const sim = new TelegramSimulator({ clock: () => new Date("2026-10-01T04:00:00Z") });
    botOn(sim, (bot) => bot.on("message", (ctx) => ctx.reply("ok")));
    const user = sim.user({ id: 6 });
    await user.send("сәлем");
    await user.shareContact({ phone_number: "+77015550000" });
    const all = sim.chatMessages(6);
    expect(all.map((m) => [m.fromBot, m.sent?.text ?? m.text])).toEqual([
      [false, "сәлем"],
      [true, "ok"],
      [false, undefined],
      [true, "ok"],
    ]);
    expect(all[2]?.sent?.contact).toMatchObject({ phone_number: "+77015550000", user_id: 6 });
    expect(new Set(all.map((m) => m.date))).toEqual(new Set([Date.UTC(2026, 9, 1, 4) / 1000]));
  });

  it("refuses to let a bot download a file over 20 MB", async () => {
    const sim = new TelegramSimulator();
    let answer = "";
    botOn(sim, (bot) =>
      bot.on("message:document", async (ctx) => {
        answer = await ctx.getFile().then(
          () => "downloaded",
          (error: Error) => error.message,
        );
      }),
    );
    const user = sim.user({ id: 7 });
    await expect(
      user.sendDocument({
        fileName: "big.xlsx",
        mimeType: "application/octet-stream",
        bytes: Buffer.alloc(20 * 1024 * 1024 + 1),
      }),
    ).rejects.toThrow(/file is too big/);
    expect(answer).toContain("file is too big");
    await user.sendDocument({ fileName: "ok.csv", mimeType: "text/csv", bytes: Buffer.from("a") });
    expect(answer).toBe("downloaded");
  });
});
