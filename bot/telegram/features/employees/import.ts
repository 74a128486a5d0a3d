// Importing employees from a spreadsheet: the coordinator sends an XLSX or CSV
// file (a template in their language is one button away). A file with any bad row
// changes nothing; the bot lists each bad row and waits for the corrected file.
import { InlineKeyboard, InputFile } from "grammy";
import { type TFunction, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate } from "../../../rules/index.js";
import { type BadRow, importEmployees, importTemplate } from "../../../services/employee-import.js";
import { SPREADSHEET_LIMITS } from "../../../services/spreadsheet.js";
import type { BotContext, ConversationContext } from "../../context.js";
import type { Convo } from "../../conversations/steps.js";
import { remind } from "../../conversations/steps.js";
import { downloadTelegramFile, FileTooLarge } from "../../files.js";
import { cancelButton } from "../../keyboards.js";
import { withGrant } from "../../routing.js";
import type { UnitGrant } from "./register.js";

const UNIT = ["district_coordinator", "regional_coordinator"] as const;
const MAX_FILE_BYTES = SPREADSHEET_LIMITS.fileBytes;
/** Imports running in this process at once: each may take tens of megabytes while it runs. */
const MAX_IMPORTS_AT_ONCE = 2;
const importing = new Set<number>();
const MAX_REPORTED_ROWS = 40;

export async function employeeImport(
  conversation: Convo,
  ctx: ConversationContext,
  key: string,
): Promise<void> {
  const { t, lang } = ctx;
  const cancel = cancelButton(t);
  await ctx.reply(t("import.ask"), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(t("import.template_button"), routes.importTemplate.pack({}))
      .row()
      .text(cancel.label, cancel.data),
  });
  for (;;) {
    const answer = await conversation.waitUntil(
      (c) =>
        routes.importTemplate.unpack(c.callbackQuery?.data ?? "") !== null ||
        Boolean(c.message?.document),
      { otherwise: (c) => remind(c, t("import.file_expected")) },
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
    const outcome =
      (await withGrant(conversation, key, UNIT, (outside, grant) =>
        oneAtATime(outside.from?.id ?? 0, () =>
          runImport(outside, grant, document.file_id, document.file_name ?? ""),
        ),
      )) ?? ({ ok: false, reason: "denied" } as const);
    await ctx.reply(describe(t, outcome), { parse_mode: "HTML" });
    if (outcome.ok) return;
  }
}

type Outcome =
  | Awaited<ReturnType<typeof importEmployees>>
  | { ok: false; reason: "too_large" | "denied" | "busy_person" | "busy_server" };

/**
 * One import at a time per person, and at most MAX_IMPORTS_AT_ONCE in the process.
 * (A person's updates already come one at a time; this also holds for someone
 * writing from two chats, and bounds the memory that imports take together.)
 */
async function oneAtATime(person: number, run: () => Promise<Outcome>): Promise<Outcome> {
  if (importing.has(person)) return { ok: false, reason: "busy_person" };
  if (importing.size >= MAX_IMPORTS_AT_ONCE) return { ok: false, reason: "busy_server" };
  importing.add(person);
  try {
    return await run();
  } finally {
    importing.delete(person);
  }
}

async function runImport(
  ctx: BotContext,
  grant: UnitGrant,
  fileId: string,
  fileName: string,
): Promise<Outcome> {
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

const LIMIT_MESSAGES = {
  too_large: true,
  too_many_rows: true,
  too_big_unpacked: true,
  busy_person: true,
  busy_server: true,
};
const LIMIT_PARAMS = {
  mb: SPREADSHEET_LIMITS.fileBytes / 1024 / 1024,
  rows: String(SPREADSHEET_LIMITS.maxRows).replace(/\B(?=(\d{3})+(?!\d))/g, " "),
  unpackedMb: SPREADSHEET_LIMITS.unpackedBytes / 1024 / 1024,
};

function describe(t: TFunction, outcome: Outcome): string {
  if (outcome.ok) return t("import.done", { added: outcome.added, updated: outcome.updated });
  if (outcome.reason === "bad_rows") return badRowsReport(t, outcome.badRows);
  if (outcome.reason === "no_header")
    return t("import.no_header", {
      missing: (outcome.missing ?? []).map((c) => translateKey(t, `import.column.${c}`)).join(", "),
    });
  if (outcome.reason in LIMIT_MESSAGES)
    return translateKey(t, `limits.import.${outcome.reason}`, LIMIT_PARAMS);
  return translateKey(t, `import.${outcome.reason}`);
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
