// What an employee does in the bot: their status (status.ts), cohort and agreement
// (cohort.ts), documents (documents.ts) and a transfer request (transfer-request.ts).
import { Composer } from "grammy";
import { routes } from "../../../routes/index.js";
import type { BotContext } from "../../context.js";
import { area, entersConversation } from "../area.js";
import { cohortScreens } from "./cohort.js";
import { documentsScreens } from "./documents.js";
import { statusScreen } from "./status.js";
import { TRANSFER_REQUEST, transferRequest } from "./transfer-request.js";

const transferEntry = new Composer<BotContext>();

entersConversation(transferEntry, routes.employeeTransfer, TRANSFER_REQUEST, () => []);

export const employeeArea = area(
  [[transferRequest, TRANSFER_REQUEST]],
  statusScreen,
  cohortScreens,
  documentsScreens,
  transferEntry,
);
