// What coordinators and admins watch: the overview by unit or region, the
// compliance charts and their workbook, the reminders going out.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { chartScreens } from "./charts.js";
import { overviewScreens } from "./overview.js";
import { remindersScreen } from "./reminders.js";

export const overviewArea = new Composer<BotContext>();

overviewArea.use(overviewScreens, chartScreens, remindersScreen);
