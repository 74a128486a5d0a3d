// The register of issued certificates (Appendix 2) for a year or for all time, as
// PDF and XLSX. It carries full IINs: every download is on record.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { renderRegisterPdf, renderRegisterXlsx } from "../../../documents/index.js";
import { routes } from "../../../routes/index.js";
import { almatyYear } from "../../../rules/index.js";
import { recordAccess } from "../../../services/access-log.js";
import { registerOf, registerPeriod, registerSubject } from "../../../services/register.js";
import type { BotContext } from "../../context.js";
import { onRoute } from "../../routing.js";

export const registerScreens = new Composer<BotContext>();

onRoute(registerScreens, routes.register, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const year = almatyYear(ctx.deps.clock());
  const keyboard = new InlineKeyboard()
    .text(String(year), routes.registerPeriod.pack({ grant, year }))
    .text(String(year - 1), routes.registerPeriod.pack({ grant, year: year - 1 }))
    .row()
    .text(ctx.t("register.all_time"), routes.registerPeriod.pack({ grant, year: 0 }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  await ctx.editMessageText(ctx.t("register.pick_period"), { reply_markup: keyboard });
});

onRoute(registerScreens, routes.registerPeriod, async (ctx, { grant, year }) => {
  await ctx.answerCallbackQuery();
  const register = await registerOf(ctx.deps.db, grant.providerId, registerPeriod(year), ctx.lang);
  if (register.rows.length === 0) {
    await ctx.reply(ctx.t("register.empty"), {
      reply_markup: new InlineKeyboard().text(ctx.t("menu.back"), routes.register.pack({ grant })),
    });
    return;
  }
  const name = `${ctx.t("register.file_name")} ${year || ctx.t("register.all_time")}`;
  await ctx.replyWithChatAction("upload_document");
  await ctx.replyWithDocument(
    new InputFile(await renderRegisterPdf(register, ctx.lang), `${name}.pdf`),
    { caption: ctx.t("register.caption", { count: register.rows.length }) },
  );
  await ctx.replyWithDocument(
    new InputFile(await renderRegisterXlsx(register, ctx.lang), `${name}.xlsx`),
  );
  await recordAccess(ctx.deps.db, {
    actor: ctx.callbackQuery.from.id,
    action: "register.download",
    subject: registerSubject(grant.providerId, year),
    at: ctx.deps.clock(),
  });
});
