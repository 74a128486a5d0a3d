// What the head's order prints (item 9), in both languages: declared here by the
// documents that draw it, produced by services/head-orders.ts, and stored as JSON
// when the order is signed, so keep it plain.
import type { CohortForm, IsoDate, TransferReason } from "../../db/types.js";

export type Both = { kk: string; ru: string };

export interface OrderEmployee {
  fullName: string;
  position: string;
  workplace: Both;
}

/** Everything an order prints. */
export interface HeadOrderContent {
  region: Both;
  provider: Both;
  program: Both;
  form: CohortForm;
  remoteBasis: string | null;
  remoteBasisNote: string | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
  academicHours: number;
  /** The year of the consolidated list the employees come from (item 8). */
  listYear: number;
  employees: OrderEmployee[];
  /** Set when the order carries out a transfer (item 13.2): from where, why, by which order. */
  transfer?: TransferOrderPart;
}

/** What an order on a transfer says of it (item 13.2). */
export interface TransferOrderPart {
  requestId: number;
  reason: TransferReason;
  from: { provider: Both; program: Both; startsOn: IsoDate; endsOn: IsoDate };
  /** The order that sent the employee to the first cohort. */
  fromOrder: SignedOrder;
}

export interface SignedOrder {
  number: string;
  date: IsoDate;
}

/** The order laid out for a renderer (DOCX or PDF): its texts in one language. */
export interface OrderLayout {
  /** The issuing body, one line each. */
  heading: string[];
  kind: string;
  /** "ЖОБА" / "ПРОЕКТ" on a draft; null once signed. */
  draftMark: string | null;
  dateLine: string;
  numberLine: string;
  title: string;
  basis: string;
  command: string;
  /** Point 1 and its sub-points; the table of employees follows it. */
  sendPoint: { text: string; items: string[] };
  table: { header: [string, string, string, string]; rows: string[][] };
  /** Points 2 onward: who is responsible for what. */
  points: string[];
  signature: { head: string; sign: string; name: string };
}
