// Sends the head's order (item 9) as the two files a coordinator needs: an editable
// DOCX and a PDF, in the language they chose. A draft has blanks for the number and
// date; a kept order has them filled in.
import { InputFile } from "grammy";
import type { Language } from "../../db/types.js";
import { orderFileName } from "../documents/head-order.js";
import type { HeadOrderContent, SignedOrder } from "../documents/head-order-content.js";
import { headOrderPdf } from "../documents/head-order-pdf.js";
import { formatDate } from "../rules/index.js";
import type { BotContext } from "./context.js";

export async function sendOrderFiles(
  ctx: BotContext,
  content: HeadOrderContent,
  documentLanguage: Language,
  signed: SignedOrder | null,
): Promise<void> {
  const { t } = ctx;
  const caption = signed
    ? t("head_orders.signed_caption", { number: signed.number, date: formatDate(signed.date) })
    : t("head_orders.draft_caption");
  // The Word writer (docx) is loaded on the first order, not at start-up.
  const { headOrderDocx } = await import("../documents/head-order-docx.js");
  const [docx, pdf] = await Promise.all([
    headOrderDocx(content, documentLanguage, signed),
    headOrderPdf(content, documentLanguage, signed),
  ]);
  await ctx.replyWithDocument(
    new InputFile(docx, orderFileName(content, documentLanguage, signed, "docx")),
    { caption },
  );
  await ctx.replyWithDocument(
    new InputFile(pdf, orderFileName(content, documentLanguage, signed, "pdf")),
  );
}
