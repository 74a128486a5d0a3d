// Files an outbox row asks for, made when the message is sent so they show the
// latest state (a cohort's calendar file with its current dates). A file that can no
// longer be made (the cohort was removed) is left out and the text still goes.
import { InputFile } from "grammy";
import type { Kysely } from "kysely";
import type { Database, Language } from "../../db/types.js";
import { cohortIcs } from "../documents/cohort-ics.js";
import type { OutboxAttachment } from "../outbox/outbox.js";
import { cohortCalendar } from "../services/cohort-calendar.js";

export async function attachmentFile(
  db: Kysely<Database>,
  attachment: OutboxAttachment,
  language: Language,
): Promise<InputFile | null> {
  if (attachment.kind !== "cohort_ics") return null;
  const calendar = await cohortCalendar(db, attachment.cohortId);
  if (!calendar) return null;
  const file = cohortIcs(calendar, language);
  return new InputFile(file.bytes, file.fileName);
}
