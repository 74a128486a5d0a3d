// "My documents": the employee's certificates and attendance statements, newest
// first; each downloads as a PDF in the person's language. A PDF is rendered once
// per language from the data frozen at issue; later sends reuse Telegram's file id.

import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { Language } from "../../../../db/types.js";
import { renderAttendanceStatementPdf, renderCertificatePdf } from "../../../documents/index.js";
import { bothLanguages, inLanguage } from "../../../i18n/in-language.js";
import { translator } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate, formatDateTime, sexFromIin } from "../../../rules/index.js";
import { recordAccess } from "../../../services/access-log.js";
import { formatVerificationCode } from "../../../services/certificates.js";
import { imageForDocument } from "../../../services/images.js";
import {
  documentsOfEmployee,
  ownCertificate,
  ownStatement,
  rememberPdfFileId,
} from "../../../services/my-documents.js";
import { checksOfOwnCertificate } from "../../../services/verification.js";
import { verificationLink } from "../../../services/verification-link.js";
import type { BotContext } from "../../context.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";

export const documentsScreens = new Composer<BotContext>();

onRoute(documentsScreens, routes.employeeDocuments, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const documents = await documentsOfEmployee(ctx.deps.db, grant.employeeId);
  const keyboard = new InlineKeyboard();
  for (const doc of documents) {
    const label = ctx.t(`documents.${doc.kind}_label`, {
      number: doc.number ?? "",
      date: formatDate(doc.issuedOn),
      // The status first, as an icon, so a phone never cuts it off (legend in documents.list).
      icon: ctx.t(`documents.status.${doc.status ?? "valid"}`),
    });
    const data = routes.documentFile.pack({
      grant,
      kind: doc.kind,
      document: doc.id,
      language: ctx.lang,
    });
    keyboard.text(label.trim(), data).row();
  }
  keyboard.text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  const text = documents.length
    ? ctx.t("documents.list", { count: documents.length })
    : ctx.t("documents.none");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
});

/** The PDF in the language asked for, with a button for the other language. */
onRoute(documentsScreens, routes.documentFile, async (ctx, press) => {
  const { grant, kind, document: docId, language: lang } = press;
  const owner = grant.employeeId;
  const file = await pdfFor(ctx, kind, owner, docId, lang);
  if (!file) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction("upload_document");
  const other: Language = lang === "kk" ? "ru" : "kk";
  const sent = await ctx.replyWithDocument(
    file.cachedFileId ?? new InputFile(await file.render(), file.fileName),
    {
      caption: file.caption,
      reply_markup: new InlineKeyboard().text(
        translator(other)("documents.other_language"),
        routes.documentFile.pack({ ...press, language: other }),
      ),
    },
  );
  await recordAccess(ctx.deps.db, {
    actor: ctx.callbackQuery.from.id,
    action: "document.download",
    employeeId: owner,
    subject: `${kind}:${docId}`,
    at: ctx.deps.clock(),
  });
  if (!file.cachedFileId && sent.document) {
    await rememberPdfFileId(ctx.deps.db, kind, docId, lang, sent.document.file_id);
  }
  if (kind === "certificate") await showChecks(ctx, owner, docId);
});

/** The holder sees how often and when their certificate was verified. */
async function showChecks(ctx: BotContext, employee: number, certificateId: number): Promise<void> {
  const checks = await checksOfOwnCertificate(ctx.deps.db, employee, certificateId);
  const dates = checks.recent
    .slice(0, 5)
    .map((c) => formatDateTime(c.at))
    .join(", ");
  // One check has its own words: the _one plural form also serves 21, 31…
  const text =
    checks.count === 0
      ? ctx.t("documents.no_checks")
      : checks.count === 1
        ? ctx.t("documents.checked_once", { dates })
        : ctx.t("documents.checks", { count: checks.count, dates });
  // The way on: back to the list of documents.
  await ctx.reply(text, {
    reply_markup: new InlineKeyboard().text(
      ctx.t("menu.back"),
      routes.employeeDocuments.pack({ grant: { role: "employee" } }),
    ),
  });
}

interface PdfToSend {
  cachedFileId: string | null;
  fileName: string;
  caption: string;
  render: () => Promise<Buffer>;
}

async function pdfFor(
  ctx: BotContext,
  kind: "certificate" | "statement",
  employee: number,
  id: number,
  lang: Language,
): Promise<PdfToSend | undefined> {
  const t = translator(lang);
  const { db } = ctx.deps;
  if (kind === "certificate") {
    const c = await ownCertificate(db, employee, id);
    if (!c) return undefined;
    return {
      cachedFileId: inLanguage(c, "pdf_file_id", lang),
      fileName: `${t("documents.certificate_file")} ${c.number}.pdf`,
      caption: t("documents.certificate_caption", { number: c.number }),
      render: async () =>
        renderCertificatePdf(
          {
            number: c.number,
            verificationCode: formatVerificationCode(c.verification_code),
            verifyUrl: verificationLink(ctx.me.username, c.verification_code),
            holder: {
              lastName: c.holder_last_name,
              firstName: c.holder_first_name,
              patronymic: c.holder_patronymic,
              sex: sexFromIin(c.holder_iin),
            },
            academicHours: c.academic_hours,
            issuedOn: c.issued_on,
            provider: {
              nameKk: c.provider_name_kk,
              nameRu: c.provider_name_ru,
              headName: c.provider_head_name,
              logo: await imageForDocument(c.logo, ctx.log, { certificateId: c.id }),
            },
            programTitle:
              c.program_title_kk && c.program_title_ru
                ? { kk: c.program_title_kk, ru: c.program_title_ru }
                : null,
            status: c.status,
          },
          lang,
        ),
    };
  }
  const s = await ownStatement(db, employee, id);
  if (!s) return undefined;
  return {
    cachedFileId: inLanguage(s, "pdf_file_id", lang),
    fileName: `${t("documents.statement_file")} ${formatDate(s.issued_on)}.pdf`,
    caption: t("documents.statement_caption", { date: formatDate(s.issued_on) }),
    render: async () =>
      renderAttendanceStatementPdf(
        {
          number: String(s.id),
          holder: {
            lastName: s.holder_last_name,
            firstName: s.holder_first_name,
            patronymic: s.holder_patronymic,
            sex: sexFromIin(s.holder_iin),
          },
          programTitle: bothLanguages(s, "program_title"),
          startsOn: s.starts_on,
          endsOn: s.ends_on,
          academicHours: s.academic_hours,
          issuedOn: s.issued_on,
          provider: {
            nameKk: s.provider_name_kk,
            nameRu: s.provider_name_ru,
            headName: s.provider_head_name,
            logo: await imageForDocument(s.logo, ctx.log, { statementId: s.id }),
          },
        },
        lang,
      ),
  };
}
