// The admin's view of the access log: who read personal data (opened a card,
// showed an IIN, downloaded a list, the register or a file) over the last 7 or 30
// days, or everything read about one employee. The log never holds the IIN.
import { Composer, type Context, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../i18n/index.js";
import { formatDateTime } from "../../rules/index.js";
import {
  type AccessFilter,
  type AccessView,
  accessLog,
  employeesMatching,
} from "../../services/access-log.js";
import { employeeName, shortName } from "../../services/employee-directory.js";
import type { BotContext } from "../context.js";
import { askText, type Convo, conversationTranslator } from "../conversations/steps.js";
import { addPager, callbackData } from "../keyboards.js";
import { deny } from "./unit-scope.js";

export const ACCESS_LOG_SEARCH = "access-log-search";
const PAGE_SIZE = 15;
const DAY_MS = 86_400_000;

export const accessLogFeature = new Composer<BotContext>();

function isAdmin(ctx: BotContext): boolean {
  return ctx.person?.grants.some((g) => g.role === "admin") ?? false;
}

function line(ctx: BotContext, entry: AccessView): string {
  const whom = entry.employee ? shortName(entry.employee) : "—";
  const action = translateKey(ctx.t, `privacy.log.action.${entry.action.replace(".", "_")}`, {
    whom,
    subject: entry.subject ?? "",
  });
  const actor = `${entry.actorName || ctx.t("privacy.log.system")} (${entry.actorId})`;
  return escapeHtml(ctx.t("privacy.log.line", { at: formatDateTime(entry.at), actor, action }));
}

async function showLog(
  ctx: BotContext,
  filter: AccessFilter,
  title: (count: number) => string,
  page: number,
  pageData: (p: number) => string,
): Promise<void> {
  const result = await accessLog(ctx.deps.db, filter, {
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const lines = result.items.map((entry) => line(ctx, entry));
  const keyboard = new InlineKeyboard();
  addPager(
    keyboard,
    { page, pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) },
    pageData,
  );
  keyboard
    .row()
    .text(ctx.t("privacy.log.last_7"), callbackData("al", 7, 0))
    .text(ctx.t("privacy.log.last_30"), callbackData("al", 30, 0))
    .row()
    .text(ctx.t("privacy.log.by_employee_button"), "alq")
    .row()
    .text(ctx.t("menu.back"), "m:a");
  const body = lines.length ? lines.join("\n") : ctx.t("privacy.log.empty");
  await ctx.reply(`${title(result.total)}\n\n${body}`, {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
}

accessLogFeature.callbackQuery(/^al:(7|30):(\d+)$/, async (ctx) => {
  if (!isAdmin(ctx)) return deny(ctx);
  await ctx.answerCallbackQuery();
  const days = Number(ctx.match[1]);
  const now = ctx.deps.clock();
  const period = translateKey(ctx.t, `privacy.log.last_${days}`);
  await showLog(
    ctx,
    {
      kind: "period",
      from: new Date(now.getTime() - days * DAY_MS),
      to: new Date(now.getTime() + 1),
    },
    (count) => ctx.t("privacy.log.title_period", { period, count }),
    Number(ctx.match[2]),
    (p) => callbackData("al", days, p),
  );
});

accessLogFeature.callbackQuery(/^ale:(\d+):(\d+)$/, async (ctx) => {
  const employee = isAdmin(ctx) ? await employeeName(ctx.deps.db, Number(ctx.match[1])) : undefined;
  if (!employee) return deny(ctx);
  await ctx.answerCallbackQuery();
  await showLog(
    ctx,
    { kind: "employee", employeeId: employee.id },
    (count) =>
      ctx.t("privacy.log.title_employee", { name: escapeHtml(shortName(employee)), count }),
    Number(ctx.match[2]),
    (p) => callbackData("ale", employee.id, p),
  );
});

accessLogFeature.callbackQuery("alq", async (ctx) => {
  if (!isAdmin(ctx)) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(ACCESS_LOG_SEARCH);
});

/** Asks for an IIN or a surname and offers the matching employees. */
export async function accessLogSearch(conversation: Convo, ctx: Context): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  for (;;) {
    const query =
      (await askText(conversation, ctx, t, t("privacy.log.ask_employee"), { max: 60 })) ?? "";
    const found = await conversation.external(async (outside) =>
      isAdmin(outside) ? employeesMatching(outside.deps.db, query) : null,
    );
    if (found === null) return;
    if (found.length === 0) {
      await ctx.reply(t("privacy.log.no_match"));
      continue;
    }
    const keyboard = new InlineKeyboard();
    for (const e of found) keyboard.text(shortName(e), callbackData("ale", e.id, 0)).row();
    keyboard.text(t("menu.back"), callbackData("al", 7, 0));
    await ctx.reply(t("privacy.log.pick_employee"), { reply_markup: keyboard });
    return;
  }
}
