// Next year's lists in the bot. A district coordinator sees the proposed list,
// removes (with a reason) or adds people, submits it (item 7). A regional
// coordinator reviews the district lists — accept, or return with a reason — and
// approves the consolidated list (item 8), after which changes are amendments.

import { area } from "../area.js";
import { addToListScreens } from "./add.js";
import { districtListScreens } from "./district.js";
import { listFiles } from "./documents.js";
import { ownListScreens } from "./own-list.js";
import { LIST_REASON, listReason } from "./reason.js";

export const listsArea = area(
  [[listReason, LIST_REASON]],
  ownListScreens,
  addToListScreens,
  districtListScreens,
  listFiles,
);
