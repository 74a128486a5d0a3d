// Asks for the reason of a change that needs one: removing someone from a list,
// returning a district list, or amending an approved consolidated list (a person
// added, or a district list accepted after the approval taken in, item 8).
import { InlineKeyboard } from "grammy";
import { translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import {
  addToOwnList,
  districtListInRegion,
  removeFromOwnList,
  takeInLateList,
} from "../../../services/coordinator-lists.js";
import { returnList } from "../../../services/district-lists.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { refusalText } from "../../refusal.js";
import { withGrant } from "../../routing.js";
import { actOf, type UnitGrant } from "./common.js";

export const LIST_REASON = "list-reason";

type ReasonAction = "remove" | "return" | "amend_add" | "take_in";
const UNIT = ["district_coordinator", "regional_coordinator"] as const;

export async function listReason(
  conversation: Convo,
  ctx: ConversationContext,
  key: string,
  action: ReasonAction,
  targetId: number,
  /** The list's year for "remove" and "amend_add"; 0 for a district list's actions. */
  year: number,
): Promise<void> {
  const reason =
    (await askText(conversation, ctx, ctx.t, ctx.t(`lists.ask_reason_${action}`), { max: 500 })) ??
    "";
  const answer = await withGrant(conversation, key, UNIT, async (outside, grant) => {
    const text = await applyWithReason(outside, grant, { action, targetId, year }, reason);
    const back =
      action === "return" && grant.role === "regional_coordinator"
        ? routes.districtLists.pack({ grant })
        : year
          ? routes.listOfYear.pack({ grant, year })
          : routes.listScreen.pack({ grant });
    return { text, back };
  });
  await ctx.reply(answer?.text ?? ctx.t("errors.no_access"), {
    parse_mode: "HTML",
    reply_markup: answer ? new InlineKeyboard().text(ctx.t("menu.back"), answer.back) : undefined,
  });
}

async function applyWithReason(
  ctx: BotContext,
  grant: UnitGrant,
  { action, targetId, year }: { action: ReasonAction; targetId: number; year: number },
  reason: string,
): Promise<string> {
  const { db } = ctx.deps;
  const act = { ...actOf(ctx), year };
  if (action === "return") {
    if (grant.role !== "regional_coordinator") return ctx.t("errors.no_access");
    const found = await districtListInRegion(db, targetId, grant.unitId);
    if (!found) return ctx.t("errors.no_access");
    const returned = await returnList(db, found.list.id, reason, act.actor, act.now);
    return returned.ok ? ctx.t("lists.returned") : refusalText(ctx, "lists.refused", returned);
  }
  if (action === "take_in") {
    if (grant.role !== "regional_coordinator") return ctx.t("errors.no_access");
    const taken = await takeInLateList(db, grant.unitId, { ...act, listId: targetId, reason });
    if (taken.ok) return ctx.t("lists.taken_in", { count: taken.added });
    if (taken.reason === "out_of_scope") return ctx.t("errors.no_access");
    return refusalText(ctx, "lists.refused", taken);
  }
  const changed =
    action === "amend_add"
      ? await addToOwnList(db, grant, { ...act, employeeId: targetId, reason })
      : await removeFromOwnList(db, grant, { ...act, entryId: targetId, reason });
  if (changed.ok)
    return ctx.t(changed.amendment || action === "amend_add" ? "lists.amended" : "lists.removed");
  if (changed.reason === "out_of_scope") return ctx.t("errors.no_access");
  return translateKey(ctx.t, `lists.refused.${changed.reason}`);
}
