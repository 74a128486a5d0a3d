// The employees of a coordinator's unit: the register, a card per employee, adding,
// editing and importing them, and the invites of those who have not joined yet.

import { area } from "../area.js";
import { cardScreens } from "./card.js";
import { employeeForm, employeeSearch } from "./form.js";
import { employeeImport } from "./import.js";
import { inviteScreens } from "./invites.js";
import { EMPLOYEE_FORM, EMPLOYEE_IMPORT, EMPLOYEE_SEARCH, registerScreens } from "./register.js";

export const employeesArea = area(
  [
    [employeeForm, EMPLOYEE_FORM],
    [employeeSearch, EMPLOYEE_SEARCH],
    [employeeImport, EMPLOYEE_IMPORT],
  ],
  registerScreens,
  cardScreens,
  inviteScreens,
);
