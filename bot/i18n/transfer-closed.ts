// Items 12, 13.1: why a transfer request no longer waits when a result closed it — the
// test, its day and outcome, the organization and who recorded it — said the same in
// the chat and in the Mini App (Telegram HTML; the page takes it as plain text).
import type { Language } from "../../db/types.js";
import { formatDate, formatDateTime } from "../rules/index.js";
import { escapeHtml, type TFunction } from "./index.js";

export interface ClosedByResultFacts {
  at: Date;
  test: "final" | "retest";
  takenOn: string;
  passed: boolean;
  provider: { kk: string; ru: string };
  recordedBy: string | null;
}

export function closedByResultText(
  t: TFunction,
  lang: Language,
  id: number,
  closed: ClosedByResultFacts,
): string {
  const lines = [
    t("transfer.closed_by_result", {
      id,
      at: formatDateTime(closed.at),
      test: t(`transfer.closed_test.${closed.test}`),
      date: formatDate(closed.takenOn),
      result: t(
        closed.passed ? "transfer.closed_outcome.passed" : "transfer.closed_outcome.failed",
      ),
    }),
  ];
  if (closed.recordedBy)
    lines.push(
      t("transfer.closed_by_result_by", {
        provider: escapeHtml(closed.provider[lang]),
        name: escapeHtml(closed.recordedBy),
      }),
    );
  return lines.join("\n");
}
