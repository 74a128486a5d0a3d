// What coordinators and admins watch: the overview by unit or region, the
// compliance charts and their workbook, the reminders going out.

import { area } from "../area.js";
import { chartScreens } from "./charts.js";
import { overviewScreens } from "./overview.js";
import { remindersScreen } from "./reminders.js";

export const overviewArea = area([], overviewScreens, chartScreens, remindersScreen);
