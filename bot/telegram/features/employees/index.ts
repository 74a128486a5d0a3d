// The employees of a coordinator's unit: the register, a card per employee, adding,
// editing and importing them, and the invites of those who have not joined yet.
import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { DAY_MS } from "../../../rules/index.js";
import type { BotContext } from "../../context.js";
import { cardScreens } from "./card.js";
import { employeeForm, employeeSearch } from "./form.js";
import { employeeImport } from "./import.js";
import { inviteScreens } from "./invites.js";
import { EMPLOYEE_FORM, EMPLOYEE_IMPORT, EMPLOYEE_SEARCH, registerScreens } from "./register.js";

export const employeesArea = new Composer<BotContext>();

for (const [builder, id] of [
  [employeeForm, EMPLOYEE_FORM],
  [employeeSearch, EMPLOYEE_SEARCH],
  [employeeImport, EMPLOYEE_IMPORT],
] as const) {
  employeesArea.use(createConversation(builder, { id, maxMillisecondsToWait: DAY_MS }));
}
employeesArea.use(registerScreens, cardScreens, inviteScreens);
