// An employee asks to move to another cohort for a valid reason (item 13.2):
// reason → comment (optional) → evidence (optional) → target cohort or "let the
// coordinator choose" → summary → confirm. /cancel works at every step. The
// regional coordinators of the employee's region are told at once.
import { type Context, InlineKeyboard } from "grammy";
import type { Language, TransferReason } from "../../../db/types.js";
import { escapeHtml, type TFunction, translator } from "../../i18n/index.js";
import { notify } from "../../reminders/notices.js";
import { formatDate, TRANSFER_REASONS } from "../../rules/index.js";
import { coordinatorsOfUnit } from "../../services/coordinators.js";
import { fullName } from "../../services/employee-directory.js";
import { IMAGE_LIMITS, normalizeImage } from "../../services/images.js";
import { cleanMultiline, FIELD_LIMITS, textLength } from "../../services/text.js";
import {
  type CohortOption,
  createTransferRequest,
  regionOfUnit,
  transferEligibility,
} from "../../services/transfers.js";
import type { BotContext } from "../context.js";
import { downloadTelegramFile, FileTooLarge } from "../files.js";
import { buttonGrid, callbackData } from "../keyboards.js";
import { type Convo, remind, waitForButton } from "./steps.js";

export const TRANSFER_REQUEST = "transfer-request";
const MAX_COMMENT_LENGTH = FIELD_LIMITS.comment;
/** The Bot API lets a bot download files up to 20 MB: larger evidence could never be checked. */
const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

interface Draft {
  reason: TransferReason;
  comment: string | null;
  evidence: { fileId: string; kind: "photo" | "document" } | null;
  target: CohortOption | null;
}

export async function transferRequest(conversation: Convo, ctx: Context): Promise<void> {
  const start = await conversation.external(async (outside) => {
    const grant = outside.person?.grants.find((g) => g.role === "employee");
    if (grant?.role !== "employee") return { lang: outside.lang, eligibility: null };
    const eligibility = await transferEligibility(
      outside.deps.db,
      grant.employeeId,
      outside.deps.clock(),
    );
    return { lang: outside.lang, eligibility };
  });
  const t = translator(start.lang);
  const eligibility = start.eligibility;
  if (!eligibility) return;
  if (!eligibility.ok) {
    await ctx.reply(t(`transfer.refused.${eligibility.reason}`), { parse_mode: "HTML" });
    return;
  }

  const reason = await askReason(conversation, ctx, t);
  const comment = await askComment(conversation, ctx, t);
  const evidence = await askEvidence(conversation, ctx, t);
  const target = await askTarget(conversation, ctx, t, start.lang, eligibility.targets);
  const draft: Draft = { reason, comment, evidence, target };

  await ctx.reply(summary(t, start.lang, draft), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(t("transfer.send_button"), "tr:send")
      .row()
      .text(t("conversation.cancel_button"), "cancel"),
  });
  const confirmed = await waitForButton(conversation, t, /^tr:send$/);

  const outcome = await conversation.external((outside) => submit(outside, draft));
  if (!outcome.ok) {
    await confirmed.editMessageText(t(`transfer.refused.${outcome.reason}`), {
      parse_mode: "HTML",
    });
    return;
  }
  await confirmed.editMessageText(t("transfer.sent", { id: outcome.requestId }), {
    parse_mode: "HTML",
  });
}

/** Saves the request; the service tells the regional coordinators in the same transaction. */
async function submit(ctx: BotContext, draft: Draft) {
  const grant = ctx.person?.grants.find((g) => g.role === "employee");
  if (grant?.role !== "employee") return { ok: false as const, reason: "no_enrolment" as const };
  return createTransferRequest(ctx.deps.db, {
    employeeId: grant.employeeId,
    reason: draft.reason,
    comment: draft.comment,
    evidence: draft.evidence,
    targetCohortId: draft.target?.id ?? null,
    actor: ctx.from?.id ?? 0,
    now: ctx.deps.clock(),
  });
}

async function askReason(conversation: Convo, ctx: Context, t: TFunction): Promise<TransferReason> {
  await ctx.reply(t("transfer.ask_reason"), {
    parse_mode: "HTML",
    reply_markup: buttonGrid([
      ...TRANSFER_REASONS.map((reason) => ({
        label: t(`transfer.reason.${reason}`),
        data: `tr:r:${reason}`,
      })),
      { label: t("conversation.cancel_button"), data: "cancel" },
    ]),
  });
  const step = await waitForButton(conversation, t, /^tr:r:(illness|emergency|natural_disaster)$/);
  return step.match[1] as TransferReason;
}

async function askComment(conversation: Convo, ctx: Context, t: TFunction): Promise<string | null> {
  await ctx.reply(t("transfer.ask_comment", { max: MAX_COMMENT_LENGTH }), {
    reply_markup: skipKeyboard(t),
  });
  const answer = await conversation.waitUntil(
    (c) =>
      c.callbackQuery?.data === "tr:skip" ||
      (typeof c.message?.text === "string" &&
        !c.message.text.startsWith("/") &&
        cleanMultiline(c.message.text).length > 0 &&
        textLength(cleanMultiline(c.message.text)) <= MAX_COMMENT_LENGTH),
    { otherwise: (c) => remind(c, t("transfer.comment_invalid", { max: MAX_COMMENT_LENGTH })) },
  );
  if (answer.callbackQuery) {
    await answer.answerCallbackQuery();
    return null;
  }
  return cleanMultiline(answer.message?.text ?? "") || null;
}

async function askEvidence(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
): Promise<Draft["evidence"]> {
  await ctx.reply(t("transfer.ask_evidence"), { reply_markup: skipKeyboard(t) });
  for (;;) {
    const answer = await conversation.waitUntil(
      (c) =>
        c.callbackQuery?.data === "tr:skip" || Boolean(c.message?.photo || c.message?.document),
      { otherwise: (c) => remind(c, t("transfer.evidence_invalid")) },
    );
    if (answer.callbackQuery) {
      await answer.answerCallbackQuery();
      return null;
    }
    const photo = answer.message?.photo?.at(-1);
    const document = answer.message?.document;
    const evidence: Draft["evidence"] = photo
      ? { fileId: photo.file_id, kind: "photo" }
      : document
        ? { fileId: document.file_id, kind: "document" }
        : null;
    if (!evidence) continue;
    // A photo (or an image sent as a file) is decoded completely before it is kept.
    const isImage = Boolean(photo) || Boolean(document?.mime_type?.startsWith("image/"));
    const refusal = await conversation.external((outside) =>
      checkEvidence(outside, evidence.fileId, isImage, document?.file_size),
    );
    if (!refusal) return evidence;
    await ctx.reply(t(`limits.evidence.${refusal}`, EVIDENCE_LIMIT_PARAMS));
  }
}

const EVIDENCE_LIMIT_PARAMS = {
  mb: EVIDENCE_MAX_BYTES / 1024 / 1024,
  side: IMAGE_LIMITS.maxSide,
  megapixels: Math.floor(IMAGE_LIMITS.maxPixels / 1_000_000),
};

/** Why this evidence cannot be kept, or null when it can. */
async function checkEvidence(
  ctx: BotContext,
  fileId: string,
  isImage: boolean,
  declaredSize: number | undefined,
): Promise<"too_large" | "broken" | "too_many_pixels" | null> {
  if ((declaredSize ?? 0) > EVIDENCE_MAX_BYTES) return "too_large";
  if (!isImage) return null;
  const bytes = await downloadTelegramFile(ctx.api, ctx.deps, fileId, EVIDENCE_MAX_BYTES).catch(
    (error: unknown) => {
      if (error instanceof FileTooLarge) return null;
      throw error;
    },
  );
  if (!bytes) return "too_large";
  const checked = await normalizeImage(bytes);
  // A file of another image format (HEIC, TIFF…) is kept as a file: the bot never opens it.
  return checked.ok || checked.problem === "not_image" ? null : checked.problem;
}

async function askTarget(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  lang: Language,
  targets: CohortOption[],
): Promise<CohortOption | null> {
  await ctx.reply(`${t("transfer.ask_target")}\n\n${cohortList(t, lang, targets)}`, {
    parse_mode: "HTML",
    reply_markup: buttonGrid([
      ...cohortButtons(targets, (c) => callbackData("tr", "c", c.id)),
      { label: t("transfer.coordinator_chooses"), data: "tr:c:0" },
      { label: t("conversation.cancel_button"), data: "cancel" },
    ]),
  });
  for (;;) {
    const step = await waitForButton(conversation, t, /^tr:c:(\d+)$/);
    const id = Number(step.match[1]);
    if (id === 0) return null;
    const target = targets.find((c) => c.id === id);
    if (target) return target;
  }
}

/** The cohorts to choose from, numbered, with everything a person weighs. */
export function cohortList(t: TFunction, lang: Language, cohorts: CohortOption[]): string {
  return cohorts
    .map((c, index) =>
      t("transfer.cohort_line", {
        n: index + 1,
        program: escapeHtml(c.program[lang]),
        provider: escapeHtml(c.provider[lang]),
        from: formatDate(c.startsOn),
        to: formatDate(c.endsOn),
        places: c.placesLeft,
      }),
    )
    .join("\n");
}

/** Short buttons matching the numbered list: "1. 14.12.2026–24.12.2026". */
export function cohortButtons(cohorts: CohortOption[], data: (c: CohortOption) => string) {
  return cohorts.map((c, index) => ({
    label: `${index + 1}. ${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`,
    data: data(c),
  }));
}

function summary(t: TFunction, lang: Language, draft: Draft): string {
  return [
    t("transfer.summary_title"),
    t("transfer.summary_reason", { reason: t(`transfer.reason.${draft.reason}`) }),
    t("transfer.summary_comment", { comment: draft.comment ? escapeHtml(draft.comment) : "—" }),
    t("transfer.summary_evidence", {
      evidence: draft.evidence ? t(`transfer.evidence_${draft.evidence.kind}`) : "—",
    }),
    t("transfer.summary_target", {
      target: draft.target
        ? escapeHtml(
            `${draft.target.program[lang]}, ${draft.target.provider[lang]}, ${formatDate(draft.target.startsOn)}–${formatDate(draft.target.endsOn)}`,
          )
        : t("transfer.coordinator_chooses"),
    }),
  ].join("\n");
}

const skipKeyboard = (t: TFunction) =>
  new InlineKeyboard()
    .text(t("transfer.skip_button"), "tr:skip")
    .row()
    .text(t("conversation.cancel_button"), "cancel");
