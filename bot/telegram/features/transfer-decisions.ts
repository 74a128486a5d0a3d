// Regional coordinators decide transfer requests of their region (item 13.2):
// the waiting list, one request with its evidence as it was sent, approve (into
// the chosen cohort, or one the coordinator picks) or reject with a reason.
import { Composer, type Context, InlineKeyboard } from "grammy";
import { escapeHtml, translator } from "../../i18n/index.js";
import { formatDate, formatDateTime } from "../../rules/index.js";
import { recordAccess } from "../../services/access-log.js";
import { doneBy } from "../../services/outcome.js";
import { grantKey } from "../../services/people.js";
import {
  approveTransfer,
  pendingRequestsOfRegion,
  rejectTransfer,
  requestInRegion,
  type TransferRequestView,
  targetsForRequest,
} from "../../services/transfer-decisions.js";
import type { BotContext } from "../context.js";
import { type Convo, remind } from "../conversations/steps.js";
import { cohortButtons, cohortList } from "../conversations/transfer-request.js";
import { buttonGrid, callbackData } from "../keyboards.js";
import { doneByText, refusalText } from "../refusal.js";
import { regionalGrant } from "./unit-scope.js";

export const TRANSFER_REJECTION = "transfer-rejection";
const MAX_REASON_LENGTH = 500;

export const transferDecisionsFeature = new Composer<BotContext>();

async function denied(ctx: BotContext) {
  await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
}

/**
 * The pending request a button points at. One decided meanwhile (a stale button, or
 * another coordinator first) is answered with who decided it and when, and a way back.
 */
async function pendingRequest(
  ctx: BotContext,
  key: string,
  requestId: number,
): Promise<{ request: TransferRequestView; key: string; regionId: number } | undefined> {
  const grant = regionalGrant(ctx, key);
  const request = grant && (await requestInRegion(ctx.deps.db, requestId, grant.unitId));
  if (!grant || !request) {
    await denied(ctx);
    return undefined;
  }
  await ctx.answerCallbackQuery();
  if (request.status === "pending")
    return { request, key: grantKey(grant), regionId: grant.unitId };
  const done = await doneBy(ctx.deps.db, request.decidedBy, request.decidedAt);
  await ctx.reply(done ? doneByText(ctx, done) : ctx.t("transfer.decision_failed.decided"), {
    parse_mode: "HTML",
    reply_markup: backToQueue(ctx, grantKey(grant)),
  });
  return undefined;
}

function backToQueue(ctx: BotContext, key: string) {
  return new InlineKeyboard().text(ctx.t("menu.back"), callbackData("tq", key));
}

transferDecisionsFeature.callbackQuery(/^tq:(\w+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return denied(ctx);
  await ctx.answerCallbackQuery();
  const requests = await pendingRequestsOfRegion(ctx.deps.db, grant.unitId);
  const key = grantKey(grant);
  const keyboard = buttonGrid(
    [
      ...requests.map((r) => ({
        label: `№${r.id} ${r.employeeName}`.slice(0, 60),
        data: callbackData("tv", key, r.id),
      })),
      { label: ctx.t("menu.back"), data: `m:${key}` },
    ],
    1,
  );
  const text = requests.length
    ? ctx.t("transfer.queue", { count: requests.length })
    : ctx.t("transfer.queue_empty");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
});

function requestText(ctx: BotContext, r: TransferRequestView): string {
  return [
    ctx.t("transfer.request_title", { id: r.id }),
    ctx.t("transfer.request_employee", {
      name: escapeHtml(r.employeeName),
      unit: escapeHtml(r.unitName[ctx.lang]),
    }),
    ctx.t("transfer.request_from", {
      program: escapeHtml(r.fromCohort.program[ctx.lang]),
      from: formatDate(r.fromCohort.startsOn),
      to: formatDate(r.fromCohort.endsOn),
    }),
    ctx.t("transfer.summary_reason", { reason: ctx.t(`transfer.reason.${r.reason}`) }),
    ctx.t("transfer.summary_comment", { comment: r.comment ? escapeHtml(r.comment) : "—" }),
    ctx.t("transfer.request_created", { at: formatDateTime(r.createdAt) }),
  ].join("\n");
}

transferDecisionsFeature.callbackQuery(/^tv:(\w+):(\d+)$/, async (ctx) => {
  const found = await pendingRequest(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
  if (!found) return;
  const { request, key } = found;
  const keyboard = new InlineKeyboard();
  if (request.targetCohortId !== null) {
    keyboard
      .text(
        ctx.t("transfer.approve_button"),
        callbackData("ty", key, request.id, request.targetCohortId),
      )
      .row();
  }
  keyboard
    .text(ctx.t("transfer.choose_and_approve_button"), callbackData("tc", key, request.id))
    .row()
    .text(ctx.t("transfer.reject_button"), callbackData("tn", key, request.id))
    .row()
    .text(ctx.t("menu.back"), callbackData("tq", key));
  await ctx.reply(requestText(ctx, request), { parse_mode: "HTML", reply_markup: keyboard });
  // The evidence goes out as it was sent: the same Telegram file (a read on record).
  if (request.evidenceFileId) {
    await recordAccess(ctx.deps.db, {
      actor: ctx.from.id,
      action: "evidence.view",
      employeeId: request.employeeId,
      subject: `transfer:${request.id}`,
      at: ctx.deps.clock(),
    });
  }
  if (request.evidenceFileId && request.evidenceKind === "photo") {
    await ctx.replyWithPhoto(request.evidenceFileId, {
      caption: ctx.t("transfer.evidence_caption", { id: request.id }),
    });
  } else if (request.evidenceFileId) {
    await ctx.replyWithDocument(request.evidenceFileId, {
      caption: ctx.t("transfer.evidence_caption", { id: request.id }),
    });
  }
});

transferDecisionsFeature.callbackQuery(/^tc:(\w+):(\d+)$/, async (ctx) => {
  const found = await pendingRequest(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
  if (!found) return;
  const { request, key } = found;
  const targets = await targetsForRequest(ctx.deps.db, request, ctx.deps.clock());
  if (targets.length === 0) {
    await ctx.reply(ctx.t("transfer.no_targets"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("transfer.reject_button"), callbackData("tn", key, request.id))
        .row()
        .text(ctx.t("menu.back"), callbackData("tq", key)),
    });
    return;
  }
  await ctx.reply(
    `${ctx.t("transfer.pick_target", { id: request.id })}\n\n${cohortList(ctx.t, ctx.lang, targets)}`,
    {
      parse_mode: "HTML",
      reply_markup: buttonGrid(
        cohortButtons(targets, (c) => callbackData("ty", key, request.id, c.id)),
      ),
    },
  );
});

transferDecisionsFeature.callbackQuery(/^ty:(\w+):(\d+):(\d+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return denied(ctx);
  const result = await approveTransfer(ctx.deps.db, {
    requestId: Number(ctx.match[2]),
    regionId: grant.unitId,
    targetCohortId: Number(ctx.match[3]),
    actor: ctx.from.id,
    now: ctx.deps.clock(),
  });
  await ctx.answerCallbackQuery();
  const back = backToQueue(ctx, grantKey(grant));
  if (!result.ok) {
    await ctx.reply(refusalText(ctx, "transfer.decision_failed", result), {
      parse_mode: "HTML",
      reply_markup: back,
    });
    return;
  }
  await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  await ctx.reply(ctx.t("transfer.approved", { id: result.request.id }), { reply_markup: back });
});

transferDecisionsFeature.callbackQuery(/^tn:(\w+):(\d+)$/, async (ctx) => {
  const found = await pendingRequest(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
  if (!found) return;
  await ctx.conversation.enter(TRANSFER_REJECTION, found.key, found.request.id);
});

/** Asks the coordinator for the reason of a rejection, then records it. */
export async function transferRejection(
  conversation: Convo,
  ctx: Context,
  key: string,
  requestId: number,
): Promise<void> {
  const lang = await conversation.external((outside) => outside.lang);
  const t = translator(lang);
  await ctx.reply(t("transfer.ask_rejection_reason", { id: requestId, max: MAX_REASON_LENGTH }), {
    reply_markup: new InlineKeyboard().text(t("conversation.cancel_button"), "cancel"),
  });
  const answer = await conversation.waitUntil(
    (c) => {
      const text = c.message?.text;
      return (
        typeof text === "string" &&
        !text.startsWith("/") &&
        text.trim().length > 0 &&
        text.length <= MAX_REASON_LENGTH
      );
    },
    {
      otherwise: (c) =>
        remind(c, t("transfer.rejection_reason_invalid", { max: MAX_REASON_LENGTH })),
    },
  );
  const reason = answer.message?.text?.trim() ?? "";
  const outcome = await conversation.external(async (outside) => {
    const grant = regionalGrant(outside, key);
    if (!grant) return { ok: false as const, text: t("transfer.decision_failed.not_found") };
    const result = await rejectTransfer(outside.deps.db, {
      requestId,
      regionId: grant.unitId,
      reason,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    return result.ok
      ? { ok: true as const, text: t("transfer.rejected", { id: requestId }) }
      : { ok: false as const, text: refusalText(outside, "transfer.decision_failed", result) };
  });
  await ctx.reply(outcome.text, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(t("menu.back"), callbackData("tq", key)),
  });
}
