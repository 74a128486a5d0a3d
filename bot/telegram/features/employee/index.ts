// What an employee does in the bot: their status (status.ts), cohort and agreement
// (cohort.ts), documents (documents.ts) and a transfer request (transfer-request.ts).
import { Composer } from "grammy";
import { routes } from "../../../routes/index.js";
import type { BotContext } from "../../context.js";
import { registerConversations } from "../../conversations/register.js";
import { onRoute } from "../../routing.js";
import { cohortScreens } from "./cohort.js";
import { documentsScreens } from "./documents.js";
import { statusScreen } from "./status.js";
import { TRANSFER_REQUEST, transferRequest } from "./transfer-request.js";

export const employeeArea = new Composer<BotContext>();

registerConversations(employeeArea, { [TRANSFER_REQUEST]: transferRequest });
employeeArea.use(statusScreen, cohortScreens, documentsScreens);

onRoute(employeeArea, routes.employeeTransfer, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(TRANSFER_REQUEST);
});
