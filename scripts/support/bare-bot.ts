// A bare grammY bot in webhook mode, for comparison in scripts/bench-updates.ts:
// it answers the same updates with the same Bot API calls as the real bot — /start
// with a welcome and a menu, the due-date button with an answer to the button and a
// message — but touches no database. `node --import tsx scripts/support/bare-bot.ts`
// with BOT_TOKEN, BOT_API_ROOT, WEBHOOK_SECRET and PORT.
import { createServer } from "node:http";
import { Bot, InlineKeyboard, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";

const env = process.env;
const bot = new Bot(env.BOT_TOKEN ?? "", {
  client: { apiRoot: env.BOT_API_ROOT },
  botInfo: {
    id: 7000000001,
    is_bot: true,
    first_name: "Bare",
    username: "bare_bot",
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe,
});
const menu = new InlineKeyboard().text("📅 Мой срок", "es").row().text("🎓 Моя группа", "ec");

bot.command("start", async (ctx) => {
  await ctx.reply("<b>Добро пожаловать</b>", { parse_mode: "HTML" });
  await ctx.reply("Меню сотрудника", { reply_markup: menu });
});
bot.callbackQuery("es", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply("<b>Срок повышения квалификации</b>\n\nВы подлежите обучению сейчас.", {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text("⬅️ Меню", "m:e"),
  });
});

const handle = webhookCallback(bot, "http", { secretToken: env.WEBHOOK_SECRET });
createServer((req, res) => {
  if (req.method === "GET") {
    res.end("ok");
    return;
  }
  handle(req, res).catch(() => res.writeHead(500).end());
}).listen(Number(env.PORT ?? 8081));
