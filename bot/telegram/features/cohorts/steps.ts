// What the cohort screens and conversations share: entering one for a cohort of the
// provider, the way back to a cohort, the steps that ask for a number, a schedule
// or a participant.
import { Composer, InlineKeyboard } from "grammy";
import { type TextKey, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { type Participant, participants, providerCohort } from "../../../services/cohorts.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askText, type Convo, remind } from "../../conversations/steps.js";
import { buttonGrid, cancelButton } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, entersConversation, type ProviderRef, providerRef } from "../area.js";

/** The way on after a cohort's step: back to the cohort, or to the list of cohorts. */
export function backToCohort(ctx: ConversationContext, grant: ProviderRef, cohortId: number) {
  return new InlineKeyboard()
    .text(ctx.t("cohorts.back_to_cohort"), routes.cohort.pack({ grant, cohort: cohortId }))
    .row()
    .text(ctx.t("menu.back"), routes.cohorts.pack({ grant }));
}

/** A whole number of up to four digits that `check` (a locale key of the problem, or null) accepts. */
export async function askNumber(
  conversation: Convo,
  ctx: ConversationContext,
  question: string,
  check: (n: number) => string | null,
): Promise<number> {
  for (;;) {
    const text = (await askText(conversation, ctx, ctx.t, question)) ?? "";
    const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
    const problem = Number.isNaN(n) ? "cohorts.problem.number" : check(n);
    if (!problem) return n;
    await ctx.reply(translateKey(ctx.t, problem));
  }
}

/** Item 10: the class schedule, as text or as a file (kept by its Telegram file id), or none yet. */
export async function askSchedule(conversation: Convo, ctx: ConversationContext) {
  await ctx.reply(ctx.t("cohorts.ask.schedule"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("employees.form.skip"), routes.skipStep.pack({}))
      .row()
      .text(cancelButton(ctx.t).label, cancelButton(ctx.t).data),
  });
  const answer = await conversation.waitUntil(
    (c) =>
      routes.skipStep.unpack(c.callbackQuery?.data ?? "") !== null ||
      Boolean(c.message?.document) ||
      (typeof c.message?.text === "string" &&
        !c.message.text.startsWith("/") &&
        c.message.text.length <= 3000),
    { otherwise: (c) => remind(c, ctx.t("cohorts.problem.schedule")) },
  );
  if (answer.callbackQuery) await answer.answerCallbackQuery();
  const document = answer.message?.document;
  return {
    text: answer.message?.text?.trim() ?? null,
    fileId: document?.file_id ?? null,
    fileName: document?.file_name ?? null,
  };
}

/** A cohort that is not the provider's (or no longer exists). */
export async function notFound(ctx: BotContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
}

/** What a cohort's conversation is entered with, if the cohort is the provider's; null otherwise. */
export async function ownCohort(
  ctx: BotContext,
  grant: { providerId: number },
  cohortId: number,
  ...rest: unknown[]
): Promise<unknown[] | null> {
  const found = await providerCohort(ctx.deps.db, cohortId, grant.providerId);
  return found ? [providerRef(grant), cohortId, ...rest] : null;
}

/** A conversation about one of the provider's cohorts. */
export type CohortConversation = (
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
  cohortId: number,
) => Promise<void>;

/** A cohort's button that enters the conversation `id` for it (if the cohort is the provider's). */
export function entersForCohort(route: typeof routes.cohortResults, id: string) {
  const screens = new Composer<BotContext>();
  entersConversation(screens, route, id, (ctx, press) => ownCohort(ctx, press.grant, press.cohort));
  return screens;
}

/**
 * A conversation about one participant of the cohort (a retest, a breach): it
 * starts by picking them among those `which` keeps (asking `question`), and ends
 * there when there is nobody to pick or the grant is gone.
 */
export function aboutParticipant(
  question: TextKey,
  which: (p: Participant) => boolean,
  then: (
    conversation: Convo,
    ctx: ConversationContext,
    provider: ProviderRef,
    cohortId: number,
    enrolmentId: number,
  ) => Promise<void>,
): CohortConversation {
  return async (conversation, ctx, provider, cohortId) => {
    const asked = ctx.t(question);
    const enrolmentId = await pickParticipant(conversation, ctx, provider, cohortId, asked, which);
    if (enrolmentId === null) return;
    await then(conversation, ctx, provider, cohortId, enrolmentId);
  };
}

/**
 * The participants of the provider's cohort that `which` keeps, as buttons, and the
 * one picked (empty when there is nobody or the grant is gone).
 */
async function pickParticipant(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
  cohortId: number,
  question: string,
  which: (p: Participant) => boolean,
): Promise<number | null> {
  const people = await asGrant(conversation, provider, async (outside, grant) => {
    if (!(await providerCohort(outside.deps.db, cohortId, grant.providerId))) return [];
    return (await participants(outside.deps.db, cohortId))
      .filter(which)
      .map((p) => ({ id: p.enrolmentId, name: p.name }));
  });
  if (!people?.length) return null;
  await ctx.reply(question, {
    reply_markup: buttonGrid([
      ...people.map((p) => ({
        label: p.name.slice(0, 60),
        data: routes.participant.pack({ enrolment: p.id }),
      })),
      cancelButton(ctx.t),
    ]),
  });
  return (await waitForRoute(conversation, routes.participant)).press.enrolment;
}
