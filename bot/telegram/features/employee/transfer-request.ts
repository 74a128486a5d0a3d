// An employee asks to move to another cohort for a valid reason (item 13.2):
// reason → comment (optional) → evidence (optional) → target cohort or "let the
// coordinator choose" → summary → confirm. /cancel works at every step. The
// service tells the regional coordinators of the employee's region in the same
// transaction that saves the request.
import type { Language, TransferReason } from "../../../../db/types.js";
import { escapeHtml, type TFunction } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate, TRANSFER_REASONS } from "../../../rules/index.js";
import { IMAGE_LIMITS, normalizeImage } from "../../../services/images.js";
import { cleanMultiline, FIELD_LIMITS, textLength } from "../../../services/text.js";
import {
  type CohortOption,
  createTransferRequest,
  transferEligibility,
} from "../../../services/transfers.js";
import { cohortButtons, cohortList } from "../../cohort-options.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { type Convo, remind } from "../../conversations/steps.js";
import { downloadTelegramFile, FileTooLarge } from "../../files.js";
import { backToMenu, buttonGrid, cancelButton } from "../../keyboards.js";
import { waitForRoute, withGrant } from "../../routing.js";

export const TRANSFER_REQUEST = "transfer-request";
const MAX_COMMENT_LENGTH = FIELD_LIMITS.comment;
/** The Bot API lets a bot download files up to 20 MB: larger evidence could never be checked. */
const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
const EMPLOYEE = ["employee"] as const;
const EMPLOYEE_KEY = "e";

interface Draft {
  reason: TransferReason;
  comment: string | null;
  evidence: { fileId: string; kind: "photo" | "document" } | null;
  target: CohortOption | null;
}

export async function transferRequest(conversation: Convo, ctx: ConversationContext) {
  const { t, lang } = ctx;
  const eligibility = await withGrant(conversation, EMPLOYEE_KEY, EMPLOYEE, (outside, grant) =>
    transferEligibility(outside.deps.db, grant.employeeId, outside.deps.clock()),
  );
  if (!eligibility) return;
  if (!eligibility.ok) {
    await ctx.reply(
      t(`transfer.refused.${eligibility.reason}`, {
        number: "certificate" in eligibility ? escapeHtml(eligibility.certificate) : "",
      }),
      { parse_mode: "HTML", reply_markup: backToMenu(t, { role: "employee" }) },
    );
    return;
  }

  const reason = await askReason(conversation, ctx);
  const comment = await askComment(conversation, ctx);
  const evidence = await askEvidence(conversation, ctx);
  const target = await askTarget(conversation, ctx, eligibility.targets);
  const draft: Draft = { reason, comment, evidence, target };

  await ctx.reply(summary(t, lang, draft), {
    parse_mode: "HTML",
    reply_markup: buttonGrid([
      { label: t("transfer.send_button"), data: routes.transferSend.pack({}) },
      cancelButton(t),
    ]),
  });
  const { ctx: confirmed } = await waitForRoute(conversation, routes.transferSend);

  // The service saves the request and tells the regional coordinators in one transaction.
  const outcome = await withGrant(conversation, EMPLOYEE_KEY, EMPLOYEE, (outside, grant) =>
    createTransferRequest(outside.deps.db, {
      employeeId: grant.employeeId,
      reason: draft.reason,
      comment: draft.comment,
      evidence: draft.evidence,
      targetCohortId: draft.target?.id ?? null,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    }),
  );
  const text = outcome?.ok
    ? t("transfer.sent", { id: outcome.requestId })
    : t(`transfer.refused.${outcome?.reason ?? "no_enrolment"}`, {
        number: outcome && "certificate" in outcome ? escapeHtml(outcome.certificate) : "",
      });
  await confirmed.editMessageText(text, {
    parse_mode: "HTML",
    reply_markup: backToMenu(t, { role: "employee" }),
  });
}

async function askReason(conversation: Convo, ctx: ConversationContext): Promise<TransferReason> {
  const { t } = ctx;
  await ctx.reply(t("transfer.ask_reason"), {
    parse_mode: "HTML",
    reply_markup: buttonGrid([
      ...TRANSFER_REASONS.map((reason) => ({
        label: t(`transfer.reason.${reason}`),
        data: routes.transferReason.pack({ reason }),
      })),
      cancelButton(t),
    ]),
  });
  const { press } = await waitForRoute(conversation, routes.transferReason);
  return press.reason;
}

/** Whether the step's answer is the "Skip" button (answered here). */
async function skipped(answer: ConversationContext): Promise<boolean> {
  if (!answer.callbackQuery) return false;
  await answer.answerCallbackQuery();
  return true;
}

const isSkip = (c: ConversationContext) =>
  routes.skipStep.unpack(c.callbackQuery?.data ?? "") !== null;

async function askComment(conversation: Convo, ctx: ConversationContext): Promise<string | null> {
  const { t } = ctx;
  await ctx.reply(t("transfer.ask_comment", { max: MAX_COMMENT_LENGTH }), {
    reply_markup: skipKeyboard(t),
  });
  const answer = await conversation.waitUntil(
    (c) =>
      isSkip(c) ||
      (typeof c.message?.text === "string" &&
        !c.message.text.startsWith("/") &&
        cleanMultiline(c.message.text).length > 0 &&
        textLength(cleanMultiline(c.message.text)) <= MAX_COMMENT_LENGTH),
    { otherwise: (c) => remind(c, t("transfer.comment_invalid", { max: MAX_COMMENT_LENGTH })) },
  );
  if (await skipped(answer)) return null;
  return cleanMultiline(answer.message?.text ?? "") || null;
}

async function askEvidence(
  conversation: Convo,
  ctx: ConversationContext,
): Promise<Draft["evidence"]> {
  const { t } = ctx;
  await ctx.reply(t("transfer.ask_evidence"), { reply_markup: skipKeyboard(t) });
  for (;;) {
    const answer = await conversation.waitUntil(
      (c) => isSkip(c) || Boolean(c.message?.photo || c.message?.document),
      { otherwise: (c) => remind(c, t("transfer.evidence_invalid")) },
    );
    if (await skipped(answer)) return null;
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
  return checked.ok || checked.reason === "not_image" ? null : checked.reason;
}

async function askTarget(
  conversation: Convo,
  ctx: ConversationContext,
  targets: CohortOption[],
): Promise<CohortOption | null> {
  const { t, lang } = ctx;
  await ctx.reply(`${t("transfer.ask_target")}\n\n${cohortList(t, lang, targets)}`, {
    parse_mode: "HTML",
    reply_markup: buttonGrid([
      ...cohortButtons(targets, (c) => routes.transferTarget.pack({ cohort: c.id })),
      { label: t("transfer.coordinator_chooses"), data: routes.transferAnyTarget.pack({}) },
      cancelButton(t),
    ]),
  });
  for (;;) {
    const step = await waitForRoute(conversation, routes.transferTarget, routes.transferAnyTarget);
    if (step.route === routes.transferAnyTarget) return null;
    const picked = "cohort" in step.press ? step.press.cohort : undefined;
    const target = targets.find((c) => c.id === picked);
    if (target) return target;
  }
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
  buttonGrid([
    { label: t("transfer.skip_button"), data: routes.skipStep.pack({}) },
    cancelButton(t),
  ]);
