// Cohorts offered to choose from (a transfer request, a regional coordinator's
// decision, the cohort of an enrolment): a numbered list with everything a person
// weighs, and short buttons matching its numbers.
import type { Language } from "../../db/types.js";
import { escapeHtml, type TFunction } from "../i18n/index.js";
import { formatDate } from "../rules/index.js";
import type { CohortOption } from "../services/transfers.js";

/** The cohorts to choose from, numbered, with everything a person weighs. */
export function cohortList(
  t: TFunction,
  lang: Language,
  cohorts: Array<Omit<CohortOption, "id">>,
  line: "transfer.cohort_line" | "enrol.cohort_line" = "transfer.cohort_line",
): string {
  return cohorts
    .map((c, index) =>
      t(line, {
        n: index + 1,
        program: escapeHtml(c.program[lang]),
        provider: escapeHtml(c.provider[lang]),
        from: formatDate(c.startsOn),
        to: formatDate(c.endsOn),
        places: c.placesLeft,
      }),
    )
    .join("\n");
}

/** Short buttons matching the numbered list: "1. 14.12.2026–24.12.2026". */
export function cohortButtons(cohorts: CohortOption[], data: (c: CohortOption) => string) {
  return cohorts.map((c, index) => ({
    label: `${index + 1}. ${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`,
    data: data(c),
  }));
}
