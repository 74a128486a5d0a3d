// Importing employees from a spreadsheet: the coordinator sends an XLSX or CSV
// file (a template in their language is one button away). A file with any bad row
// changes nothing; the bot lists each bad row and waits for the corrected file.
import { type Context, InlineKeyboard, InputFile } from "grammy";
import { type TFunction, translateKey } from "../../i18n/index.js";
import { almatyDate } from "../../rules/index.js";
import { type BadRow, importEmployees, importTemplate } from "../../services/employee-import.js";
import type { BotContext } from "../context.js";
import { unitGrant } from "../features/unit-scope.js";
import { downloadTelegramFile, FileTooLarge } from "../files.js";
import { type Convo, conversationTranslator, remind } from "./steps.js";

export const EMPLOYEE_IMPORT = "employee-import";
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_REPORTED_ROWS = 40;

export async function employeeImport(
  conversation: Convo,
  ctx: Context,
  key: string,
): Promise<void> {
  const { lang, t } = await conversationTranslator(conversation);
  await ctx.reply(t("import.ask"), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(t("import.template_button"), "imp:template")
      .row()
      .text(t("conversation.cancel_button"), "cancel"),
  });
  for (;;) {
    const answer = await conversation.waitUntil(
      (c) => c.callbackQuery?.data === "imp:template" || Boolean(c.message?.document),
      {
        otherwise: (c) => remind(c, t("import.file_expected")),
      },
    );
    if (answer.callbackQuery) {
      await answer.answerCallbackQuery();
      // Sent from outside the replay: file bytes cannot be stored in conversation state.
      await conversation.external(async (outside) => {
        await outside.replyWithDocument(
          new InputFile(await importTemplate(lang), `${t("import.template_name")}.xlsx`),
        );
      });
      continue;
    }
    const document = answer.message?.document;
    if (!document) continue;
    const outcome = await conversation.external((outside) =>
      runImport(outside, key, document.file_id, document.file_name ?? ""),
    );
    await ctx.reply(describe(t, outcome), { parse_mode: "HTML" });
    if (outcome.ok) return;
  }
}

type Outcome =
  | Awaited<ReturnType<typeof importEmployees>>
  | { ok: false; reason: "too_large" | "denied" };

async function runImport(
  ctx: BotContext,
  key: string,
  fileId: string,
  fileName: string,
): Promise<Outcome> {
  const grant = unitGrant(ctx, key);
  if (!grant) return { ok: false, reason: "denied" };
  const bytes = await downloadTelegramFile(ctx.api, ctx.deps, fileId, MAX_FILE_BYTES).catch(
    (error: unknown) => {
      if (error instanceof FileTooLarge) return null;
      throw error;
    },
  );
  if (!bytes) return { ok: false, reason: "too_large" };
  const now = ctx.deps.clock();
  return importEmployees(ctx.deps.db, {
    unitId: grant.unitId,
    bytes,
    fileName,
    actor: ctx.from?.id ?? 0,
    now,
    today: almatyDate(now),
  });
}

function describe(t: TFunction, outcome: Outcome): string {
  if (outcome.ok) return t("import.done", { added: outcome.added, updated: outcome.updated });
  if (outcome.reason === "bad_rows") return badRowsReport(t, outcome.badRows);
  if (outcome.reason === "no_header")
    return t("import.no_header", {
      missing: (outcome.missing ?? []).map((c) => translateKey(t, `import.column.${c}`)).join(", "),
    });
  return t(`import.${outcome.reason}`);
}

function badRowsReport(t: TFunction, rows: BadRow[]): string {
  const lines = rows.slice(0, MAX_REPORTED_ROWS).map((row) => {
    const problems = row.problems.map((p) =>
      t(`import.problem.${p}`, { row: row.duplicateOf ?? "" }),
    );
    return t("import.bad_row", { row: row.row, problems: problems.join("; ") });
  });
  if (rows.length > MAX_REPORTED_ROWS)
    lines.push(t("import.more_rows", { count: rows.length - MAX_REPORTED_ROWS }));
  return [t("import.rejected", { count: rows.length }), ...lines, t("import.send_again")].join(
    "\n",
  );
}
