// A list as a PDF or XLSX file: the coordinator's own, or (a region) a district
// list of its region; each download is on record in the access log.
import { Composer, InputFile } from "grammy";
import { renderListPdf, renderListXlsx } from "../../../documents/index.js";
import { routes } from "../../../routes/index.js";
import { recordAccess } from "../../../services/access-log.js";
import { listDocumentFor } from "../../../services/coordinator-lists.js";
import type { BotContext } from "../../context.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { actOf } from "./common.js";

export const listFiles = new Composer<BotContext>();

onRoute(listFiles, routes.listFile, async (ctx, { grant, list, format }) => {
  const act = actOf(ctx);
  const document = await listDocumentFor(ctx.deps.db, grant, list, ctx.lang);
  if (!document) return deny(ctx);
  await ctx.answerCallbackQuery();
  const bytes =
    format === "pdf"
      ? await renderListPdf(document, ctx.lang)
      : await renderListXlsx(document, ctx.lang);
  const title = ctx.t(`lists.file_${document.kind}`, {
    year: document.year,
    unit: document.unitName,
  });
  await ctx.replyWithDocument(new InputFile(bytes, `${title}.${format}`));
  await recordAccess(ctx.deps.db, {
    actor: act.actor,
    action: "list.download",
    subject: `list:${list}:${format}`,
    at: act.now,
  });
});
