// The date of an employee's last certificate, in SQL: the newest valid certificate
// the bot issued, or a certificate from before the bot, whichever is later (item 6
// counts two years from it). The query must call the employees table `e`.
import { sql } from "kysely";
import type { IsoDate } from "../../db/types.js";

export const lastCertificateOn = sql<IsoDate | null>`greatest(
  e.previous_certificate_issued_on,
  (select max(c.issued_on) from certificates c where c.employee_id = e.id and c.status = 'valid'))`;
