// The admin's view of the access log: who read personal data (opened a card,
// showed an IIN, downloaded a list, the register or a file) over the last 7 or 30
// days, or everything read about one employee. The log never holds the IIN.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { DAY_MS, formatDateTime } from "../../../rules/index.js";
import {
  type AccessFilter,
  type AccessView,
  accessLog,
  employeesMatching,
} from "../../../services/access-log.js";
import { employeeName, shortName } from "../../../services/employee-directory.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { addPager } from "../../keyboards.js";
import { deny } from "../../refusal.js";
import { onRoute, withGrant } from "../../routing.js";
import { loadPage } from "./paged.js";

export const ACCESS_LOG_SEARCH = "access-log-search";
const PAGE_SIZE = 15;
const ADMIN = { role: "admin" } as const;

export const accessLogScreens = new Composer<BotContext>();

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
  asked: number,
  pageData: (page: number) => string,
): Promise<void> {
  await ctx.answerCallbackQuery();
  const result = await loadPage(asked, PAGE_SIZE, (window) =>
    accessLog(ctx.deps.db, filter, window),
  );
  const lines = result.items.map((entry) => line(ctx, entry));
  const keyboard = new InlineKeyboard();
  addPager(keyboard, result, pageData);
  keyboard
    .row()
    .text(ctx.t("privacy.log.last_7"), routes.accessLog.pack({ grant: ADMIN, days: "7", page: 0 }))
    .text(
      ctx.t("privacy.log.last_30"),
      routes.accessLog.pack({ grant: ADMIN, days: "30", page: 0 }),
    )
    .row()
    .text(ctx.t("privacy.log.by_employee_button"), routes.accessLogSearch.pack({ grant: ADMIN }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant: ADMIN }));
  const body = lines.length ? lines.join("\n") : ctx.t("privacy.log.empty");
  await ctx.reply(`${title(result.total)}\n\n${body}`, {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
}

onRoute(accessLogScreens, routes.accessLog, async (ctx, { grant, days, page }) => {
  const now = ctx.deps.clock();
  const period = translateKey(ctx.t, `privacy.log.last_${days}`);
  await showLog(
    ctx,
    {
      kind: "period",
      from: new Date(now.getTime() - Number(days) * DAY_MS),
      to: new Date(now.getTime() + 1),
    },
    (count) => ctx.t("privacy.log.title_period", { period, count }),
    page,
    (p) => routes.accessLog.pack({ grant, days, page: p }),
  );
});

onRoute(accessLogScreens, routes.accessLogEmployee, async (ctx, { grant, employee: id, page }) => {
  const employee = await employeeName(ctx.deps.db, id);
  if (!employee) return deny(ctx);
  await showLog(
    ctx,
    { kind: "employee", employeeId: employee.id },
    (count) =>
      ctx.t("privacy.log.title_employee", { name: escapeHtml(shortName(employee)), count }),
    page,
    (p) => routes.accessLogEmployee.pack({ grant, employee: employee.id, page: p }),
  );
});

onRoute(accessLogScreens, routes.accessLogSearch, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(ACCESS_LOG_SEARCH);
});

/** Asks for an IIN or a surname and offers the matching employees. */
export async function accessLogSearch(conversation: Convo, ctx: ConversationContext) {
  const { t } = ctx;
  for (;;) {
    const query =
      (await askText(conversation, ctx, t, t("privacy.log.ask_employee"), { max: 60 })) ?? "";
    const found = await withGrant(conversation, "a", ["admin"], (outside) =>
      employeesMatching(outside.deps.db, query),
    );
    if (found === null) return;
    if (found.length === 0) {
      await ctx.reply(t("privacy.log.no_match"));
      continue;
    }
    const keyboard = new InlineKeyboard();
    for (const e of found) {
      const data = routes.accessLogEmployee.pack({ grant: ADMIN, employee: e.id, page: 0 });
      keyboard.text(shortName(e), data).row();
    }
    keyboard.text(t("menu.back"), routes.accessLog.pack({ grant: ADMIN, days: "7", page: 0 }));
    await ctx.reply(t("privacy.log.pick_employee"), { reply_markup: keyboard });
    return;
  }
}
