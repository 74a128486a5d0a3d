// A provider coordinator's cohorts (items 4, 6, 10–13): the list by phase, a new
// cohort, each cohort's participants and terms, final results, retests and
// breaches of the agreement.
import { area } from "../area.js";
import { COHORT_BREACH, cohortBreach, cohortBreachScreens } from "./breach.js";
import { COHORT_FORM, cohortCreateScreens, cohortForm } from "./create.js";
import { COHORT_EDIT, cohortEdit, cohortEditScreens } from "./edit.js";
import { cohortListScreens } from "./list.js";
import { COHORT_RESULTS, cohortResultScreens, cohortResults } from "./results.js";
import { COHORT_RETEST, cohortRetest, cohortRetestScreens } from "./retest.js";

export const cohortsFeature = area(
  [
    [cohortForm, COHORT_FORM],
    [cohortEdit, COHORT_EDIT],
    [cohortResults, COHORT_RESULTS],
    [cohortRetest, COHORT_RETEST],
    [cohortBreach, COHORT_BREACH],
  ],
  cohortListScreens,
  cohortCreateScreens,
  cohortEditScreens,
  cohortResultScreens,
  cohortRetestScreens,
  cohortBreachScreens,
);
