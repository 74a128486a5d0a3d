// The enrolment's multi-select over pages: ☑/☐ per person, ‹ › between pages,
// 🔎 by surname, then "Next" with those ticked.
import { InlineKeyboard } from "grammy";
import { routes } from "../../../routes/index.js";
import type { ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { addPager, cancelButton, paginate } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";

const PAGE_SIZE = 8;

export interface Candidate {
  id: number;
  name: string;
}

export async function pickPeople(
  conversation: Convo,
  ctx: ConversationContext,
  candidates: Candidate[],
  places: number,
): Promise<number[]> {
  const { t } = ctx;
  const chosen = new Set<number>();
  let page = 0;
  let search = "";
  const view = () => {
    const visible = candidates.filter((c) => c.name.toLowerCase().startsWith(search.toLowerCase()));
    const shown = paginate(visible, page, PAGE_SIZE);
    page = shown.page;
    const keyboard = new InlineKeyboard();
    for (const c of shown.items) {
      keyboard
        .text(
          `${chosen.has(c.id) ? "☑" : "☐"} ${c.name}`.slice(0, 60),
          routes.enrolToggle.pack({ employee: c.id }),
        )
        .row();
    }
    addPager(keyboard, shown, (to) => routes.enrolPage.pack({ page: to }));
    keyboard.row().text(t("enrol.search_button"), routes.enrolPick.pack({ action: "search" }));
    if (search) keyboard.text(t("enrol.show_all_button"), routes.enrolPick.pack({ action: "all" }));
    const cancel = cancelButton(t);
    keyboard
      .row()
      .text(
        t("enrol.next_button", { count: chosen.size }),
        routes.enrolPick.pack({ action: "next" }),
      )
      .row()
      .text(cancel.label, cancel.data);
    return {
      text: t("enrol.pick_people", {
        chosen: chosen.size,
        places,
        page: shown.page + 1,
        pages: shown.pageCount,
      }),
      keyboard,
    };
  };
  const first = view();
  let shown = JSON.stringify(first);
  await ctx.reply(first.text, { reply_markup: first.keyboard });
  for (;;) {
    const step = await waitForRoute(
      conversation,
      routes.enrolPick,
      routes.enrolToggle,
      routes.enrolPage,
      routes.noop,
    );
    const { press } = step;
    if ("action" in press) {
      if (press.action === "next") {
        if (chosen.size > 0) return [...chosen];
        continue;
      }
      if (press.action === "search") {
        search = (await askText(conversation, ctx, t, t("enrol.search_prompt"), { max: 40 })) ?? "";
        page = 0;
        const next = view();
        shown = JSON.stringify(next);
        await ctx.reply(next.text, { reply_markup: next.keyboard });
        continue;
      }
      search = "";
    } else if ("employee" in press) {
      // Only people offered can be ticked, whatever the button says.
      if (!candidates.some((c) => c.id === press.employee)) continue;
      if (chosen.has(press.employee)) chosen.delete(press.employee);
      else chosen.add(press.employee);
    } else if ("page" in press) page = press.page;
    else continue;
    const next = view();
    // A page that is already shown (a forged or repeated press) would be an edit to the same.
    if (JSON.stringify(next) === shown) continue;
    shown = JSON.stringify(next);
    await step.ctx.editMessageText(next.text, { reply_markup: next.keyboard });
  }
}
