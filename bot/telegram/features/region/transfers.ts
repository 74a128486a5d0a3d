// Regional coordinators decide transfer requests of their region (item 13.2):
// the waiting list, one request with its evidence as it was sent, approve (into
// the chosen cohort, or one the coordinator picks, by the head's order:
// transfer-approval.ts) or reject with a reason.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { closedByResultText } from "../../../i18n/transfer-closed.js";
import { routes } from "../../../routes/index.js";
import { formatDate, formatDateTime } from "../../../rules/index.js";
import { recordAccess } from "../../../services/access-log.js";
import { type DoneBy, doneBy } from "../../../services/outcome.js";
import {
  closedByResult,
  type DecisionRefusal,
  pendingRequestsOfRegion,
  requestInRegion,
  type TransferRequestView,
  targetsForRequest,
} from "../../../services/transfer-decisions.js";
import { cohortButtons, cohortList } from "../../cohort-options.js";
import type { BotContext } from "../../context.js";
import { buttonGrid } from "../../keyboards.js";
import { doneByText, refusalText } from "../../refusal.js";
import { type CallbackContext, onRoute } from "../../routing.js";
import { type RegionRef, regionRef } from "../area.js";

export const transferScreens = new Composer<BotContext>();

/** "‹ Back" to the queue of transfer requests. */
export function backToQueue(ctx: { t: BotContext["t"] }, grant: RegionRef) {
  return new InlineKeyboard().text(ctx.t("menu.back"), routes.transferRequests.pack({ grant }));
}

/**
 * The pending request a button points at. One decided meanwhile (a stale button, or
 * another coordinator first) is answered with who decided it and when, and a way back.
 */
export async function pendingRequest(
  ctx: CallbackContext,
  grant: { unitId: number },
  requestId: number,
): Promise<{ request: TransferRequestView; region: RegionRef } | undefined> {
  const request = await requestInRegion(ctx.deps.db, requestId, grant.unitId);
  if (!request) {
    await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
    return undefined;
  }
  await ctx.answerCallbackQuery();
  const region = regionRef(grant);
  if (request.status === "pending") return { request, region };
  await ctx.reply(await decidedText(ctx, request), {
    parse_mode: "HTML",
    reply_markup: backToQueue(ctx, region),
  });
  return undefined;
}

/**
 * Why a request no longer waits: the result that closed it (which test, its day and
 * outcome, the organization and the coordinator who recorded it), or who decided it.
 */
async function decidedText(ctx: BotContext, request: TransferRequestView): Promise<string> {
  const closed = await closedByResult(ctx.deps.db, request);
  if (closed) return closedByResultText(ctx.t, ctx.lang, request.id, closed);
  const done = await doneBy(ctx.deps.db, request.decidedBy, request.decidedAt);
  return done ? doneByText(ctx, done) : ctx.t("transfer.decision_failed.decided");
}

/** A decision refused: when decided meanwhile, what decided it; otherwise the reason. */
export async function decisionRefusalText(
  ctx: BotContext,
  regionId: number,
  requestId: number,
  refusal: { reason: DecisionRefusal; done?: DoneBy },
): Promise<string> {
  const request =
    refusal.reason === "decided"
      ? await requestInRegion(ctx.deps.db, requestId, regionId)
      : undefined;
  return request
    ? decidedText(ctx, request)
    : refusalText(ctx, "transfer.decision_failed", refusal);
}

onRoute(transferScreens, routes.transferRequests, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const requests = await pendingRequestsOfRegion(ctx.deps.db, grant.unitId);
  const keyboard = buttonGrid([
    ...requests.map((r) => ({
      label: `№${r.id} ${r.employeeName}`.slice(0, 60),
      data: routes.transferRequest.pack({ grant, request: r.id }),
    })),
    { label: ctx.t("menu.back"), data: routes.roleMenu.pack({ grant }) },
  ]);
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

onRoute(transferScreens, routes.transferRequest, async (ctx, press) => {
  const found = await pendingRequest(ctx, press.grant, press.request);
  if (!found) return;
  const { request, region: grant } = found;
  const keyboard = new InlineKeyboard();
  if (request.targetCohortId !== null) {
    keyboard
      .text(
        ctx.t("transfer.approve_button"),
        routes.transferApprove.pack({ grant, request: request.id, cohort: request.targetCohortId }),
      )
      .row();
  }
  keyboard
    .text(
      ctx.t("transfer.choose_and_approve_button"),
      routes.transferPickCohort.pack({ grant, request: request.id }),
    )
    .row()
    .text(
      ctx.t("transfer.reject_button"),
      routes.transferReject.pack({ grant, request: request.id }),
    )
    .row()
    .text(ctx.t("menu.back"), routes.transferRequests.pack({ grant }));
  await ctx.reply(requestText(ctx, request), { parse_mode: "HTML", reply_markup: keyboard });
  if (!request.evidenceFileId) return;
  // The evidence goes out as it was sent: the same Telegram file (a read on record).
  await recordAccess(ctx.deps.db, {
    actor: ctx.callbackQuery.from.id,
    action: "evidence.view",
    employeeId: request.employeeId,
    subject: `transfer:${request.id}`,
    at: ctx.deps.clock(),
  });
  const caption = ctx.t("transfer.evidence_caption", { id: request.id });
  if (request.evidenceKind === "photo")
    await ctx.replyWithPhoto(request.evidenceFileId, { caption });
  else await ctx.replyWithDocument(request.evidenceFileId, { caption });
});

onRoute(transferScreens, routes.transferPickCohort, async (ctx, press) => {
  const found = await pendingRequest(ctx, press.grant, press.request);
  if (!found) return;
  const { request, region: grant } = found;
  const targets = await targetsForRequest(ctx.deps.db, request, ctx.deps.clock());
  if (targets.length === 0) {
    await ctx.reply(ctx.t("transfer.no_targets"), {
      reply_markup: new InlineKeyboard()
        .text(
          ctx.t("transfer.reject_button"),
          routes.transferReject.pack({ grant, request: request.id }),
        )
        .row()
        .text(ctx.t("menu.back"), routes.transferRequests.pack({ grant })),
    });
    return;
  }
  await ctx.reply(
    `${ctx.t("transfer.pick_target", { id: request.id })}\n\n${cohortList(ctx.t, ctx.lang, targets)}`,
    {
      parse_mode: "HTML",
      reply_markup: buttonGrid(
        cohortButtons(targets, (c) =>
          routes.transferApprove.pack({ grant, request: request.id, cohort: c.id }),
        ),
      ),
    },
  );
});
