// Next year's lists in the bot. A district coordinator sees the proposed list,
// removes (with a reason) or adds people, submits it (item 7). A regional
// coordinator reviews the district lists — accept, or return with a reason — and
// approves the consolidated list (item 8), after which changes are amendments.
import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { DAY_MS } from "../../../rules/index.js";
import type { BotContext } from "../../context.js";
import { addToListScreens } from "./add.js";
import { districtListScreens } from "./district.js";
import { listFiles } from "./documents.js";
import { ownListScreens } from "./own-list.js";
import { LIST_REASON, listReason } from "./reason.js";

export const listsArea = new Composer<BotContext>();

listsArea.use(createConversation(listReason, { id: LIST_REASON, maxMillisecondsToWait: DAY_MS }));
listsArea.use(ownListScreens, addToListScreens, districtListScreens, listFiles);
