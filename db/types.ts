// Types of every table, as Kysely sees them. Nullable columns are `T | null`;
// columns the database fills in are `Generated<T>`. Dates (`date` columns) are ISO
// strings "YYYY-MM-DD"; timestamps are JS Dates; bigint columns are numbers
// (Telegram ids fit in 2^53), see db/database.ts for the parsers.
import type { ColumnType, Generated, Selectable } from "kysely";

/** A calendar date as the database returns it: "YYYY-MM-DD". */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type Language = "kk" | "ru";
export type UnitLevel = "region" | "district";
export type Role =
  | "district_coordinator"
  | "regional_coordinator"
  | "provider_coordinator"
  | "admin";
export type ListKind = "district" | "regional";
export type ListStatus = "draft" | "submitted" | "returned" | "accepted" | "approved";
export type ListEntryReason =
  | "due"
  | "overdue"
  | "never_trained"
  | "retest"
  | "added_by_coordinator";
export type CohortForm = "full_time" | "remote";
export type EnrolmentStatus = "enrolled" | "passed" | "failed" | "transferred" | "withdrawn";
export type TransferReason = "illness" | "emergency" | "natural_disaster";
export type TransferStatus = "pending" | "approved" | "rejected" | "cancelled";
export type CertificateStatus = "valid" | "replaced" | "revoked";
export type OutboxStatus = "pending" | "sent" | "failed" | "unreachable";

export interface UnitsTable {
  id: Generated<number>;
  kato_code: string;
  level: UnitLevel;
  kind: string;
  parent_id: number | null;
  name_kk: string;
  name_ru: string;
}

export interface ProvidersTable {
  id: Generated<number>;
  name_kk: string;
  name_ru: string;
  head_name: string;
  certificate_prefix: string;
  logo: Uint8Array | null;
  logo_mime_type: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TelegramUsersTable {
  telegram_id: number;
  first_name: Generated<string>;
  last_name: string | null;
  username: string | null;
  language: Language | null;
  unreachable_at: Timestamp | null;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
}

export interface EmployeesTable {
  id: Generated<number>;
  iin: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  unit_id: number;
  position: string;
  phone: string | null;
  telegram_user_id: number | null;
  previous_certificate_issued_on: IsoDate | null;
  previous_certificate_number: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  deactivated_at: Timestamp | null;
  /** Set when the retention job erased the record's personal data. */
  erased_at: Timestamp | null;
}

export interface MembershipsTable {
  id: Generated<number>;
  telegram_user_id: number;
  role: Role;
  unit_id: number | null;
  provider_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

export interface InvitesTable {
  id: Generated<number>;
  code_hash: string;
  kind: "coordinator" | "employee";
  role: Role | null;
  unit_id: number | null;
  provider_id: number | null;
  employee_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by: number | null;
  cancelled_at: Timestamp | null;
  cancelled_by: number | null;
}

/** Certificate prefixes once used, reserved to their organization for good (item 12). */
export interface CertificatePrefixesTable {
  prefix: string;
  provider_id: number;
  reserved_at: CreatedAt;
}

export interface ListsTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  kind: ListKind;
  status: Generated<ListStatus>;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
  late: Generated<boolean>;
  return_reason: string | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  approved_at: Timestamp | null;
  approved_by: number | null;
  /** A district list accepted after the consolidated list's approval: when its people were taken in. */
  taken_in_at: Timestamp | null;
  taken_in_by: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ListEntriesTable {
  id: Generated<number>;
  list_id: number;
  employee_id: number;
  reason: ListEntryReason;
  note: string | null;
  removed_at: Timestamp | null;
  removal_reason: string | null;
  /** On a consolidated list: the district list the entry came from. */
  source_list_id: number | null;
  created_at: CreatedAt;
}

/** Item 8: one change of an approved consolidated list, with its reason. */
export interface ListAmendmentsTable {
  id: Generated<number>;
  list_id: number;
  employee_id: number;
  kind: "add" | "remove";
  reason: string;
  /** The district list accepted after the approval whose people this takes in. */
  source_list_id: number | null;
  amended_by: number;
  amended_at: Timestamp;
  /** The writing transaction: the database checks an entry's change against it. */
  txid: Generated<number>;
}

export interface CohortsTable {
  id: Generated<number>;
  provider_id: number;
  program_title_kk: string;
  program_title_ru: string;
  starts_on: IsoDate;
  ends_on: IsoDate;
  form: Generated<CohortForm>;
  remote_basis: string | null;
  remote_basis_note: string | null;
  academic_hours: number;
  capacity: number;
  schedule_text: string | null;
  schedule_file_id: string | null;
  schedule_file_name: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface EnrolmentsTable {
  id: Generated<number>;
  employee_id: number;
  cohort_id: number;
  order_number: string;
  order_date: IsoDate;
  enrolled_by: number | null;
  agreement_confirmed_at: Timestamp | null;
  status: Generated<EnrolmentStatus>;
  transferred_from_id: number | null;
  /** The head's order kept with its content (set for enrolments made in the bot). */
  head_order_id: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TestAttemptsTable {
  id: Generated<number>;
  enrolment_id: number;
  taken_on: IsoDate;
  passed: boolean;
  kind: "final" | "retest";
  recorded_by: number | null;
  created_at: CreatedAt;
  /** Whose test: always the enrolment's employee (a composite foreign key keeps it so). */
  employee_id: number;
  /**
   * A retest's calendar year (null for a final test): one retest per employee and
   * year (item 13(1)), kept by a unique index.
   */
  retest_year: number | null;
}

export interface TransferRequestsTable {
  id: Generated<number>;
  enrolment_id: number;
  reason: TransferReason;
  comment: string | null;
  evidence_file_id: string | null;
  evidence_kind: "photo" | "document" | null;
  target_cohort_id: number | null;
  status: Generated<TransferStatus>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  created_at: CreatedAt;
}

export interface CertificateSequencesTable {
  provider_id: number;
  year: number;
  last_value: Generated<number>;
}

export interface CertificatesTable {
  id: Generated<number>;
  number: string;
  verification_code: string;
  employee_id: number;
  provider_id: number;
  cohort_id: number | null;
  enrolment_id: number | null;
  academic_hours: number;
  issued_on: IsoDate;
  status: Generated<CertificateStatus>;
  replaced_by_id: number | null;
  revoked_reason: string | null;
  revoked_at: Timestamp | null;
  holder_last_name: string;
  holder_first_name: string;
  holder_patronymic: string | null;
  holder_iin: string;
  holder_workplace_kk: string;
  holder_workplace_ru: string;
  holder_position: string;
  provider_name_kk: string;
  provider_name_ru: string;
  provider_head_name: string;
  program_title_kk: string | null;
  program_title_ru: string | null;
  pdf_file_id_kk: string | null;
  pdf_file_id_ru: string | null;
  issued_by: number | null;
  created_at: CreatedAt;
}

export interface CertificateChecksTable {
  id: Generated<number>;
  certificate_id: number;
  checked_by: number | null;
  full_record: Generated<boolean>;
  checked_at: CreatedAt;
  /** The checker's day (Almaty): one entry per checker, certificate and day. */
  checked_on: IsoDate | null;
}

export interface AttendanceStatementsTable {
  id: Generated<number>;
  employee_id: number;
  provider_id: number;
  cohort_id: number;
  enrolment_id: number;
  issued_on: IsoDate;
  holder_last_name: string;
  holder_first_name: string;
  holder_patronymic: string | null;
  provider_name_kk: string;
  provider_name_ru: string;
  provider_head_name: string;
  program_title_kk: string;
  program_title_ru: string;
  starts_on: IsoDate;
  ends_on: IsoDate;
  academic_hours: number;
  pdf_file_id_kk: string | null;
  pdf_file_id_ru: string | null;
  created_at: CreatedAt;
}

export interface BreachesTable {
  id: Generated<number>;
  enrolment_id: number;
  description: string;
  recorded_by: number | null;
  recorded_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<number>;
  telegram_user_id: number;
  text_key: string;
  params: Json<Record<string, unknown>>;
  buttons: Json<unknown> | null;
  dedupe_key: string;
  status: Generated<OutboxStatus>;
  not_before: CreatedAt;
  claimed_until: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  /** A file sent with the message, made at send time (see bot/reminders/attachments.ts). */
  attachment: ColumnType<unknown, string | null | undefined, string | null>;
  /** "employee" for messages meant for the person as an employee (skipped when they declined). */
  audience: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_telegram_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  at: CreatedAt;
}

export interface BotStateTable {
  key: string;
  value: Json<unknown>;
  updated_at: CreatedAt;
}

export interface VerificationFailuresTable {
  id: Generated<number>;
  telegram_user_id: number;
  at: CreatedAt;
}

export interface HeadOrdersTable {
  id: Generated<number>;
  region_unit_id: number;
  cohort_id: number;
  number: string;
  order_date: IsoDate;
  /** Everything the order prints, both languages (bot/services/head-orders.ts). */
  content: Json<unknown>;
  /** The approved transfer request this order carries out (item 13.2), if any. */
  transfer_request_id: number | null;
  /** The cohort dates the order names, as last amended (item 9). */
  named_starts_on: IsoDate;
  named_ends_on: IsoDate;
  created_by: number | null;
  created_at: CreatedAt;
}

/** An amending order: the cohort's new dates named for a kept order (item 9). */
export interface HeadOrderAmendmentsTable {
  id: Generated<number>;
  head_order_id: number;
  number: string;
  order_date: IsoDate;
  starts_on: IsoDate;
  ends_on: IsoDate;
  created_by: number | null;
  created_at: CreatedAt;
}

export type ConsentSubject = "employee" | "coordinator";
export type ConsentDecision = "agreed" | "declined";

export interface ConsentsTable {
  id: Generated<number>;
  telegram_user_id: number;
  subject: ConsentSubject;
  employee_id: number | null;
  version: number;
  decision: ConsentDecision;
  language: Language;
  decided_at: CreatedAt;
}

/** Reads of personal data: who looked at whose data, what and when (never the IIN). */
export interface AccessLogTable {
  id: Generated<number>;
  actor_telegram_id: number;
  action: string;
  employee_id: number | null;
  subject: string | null;
  at: CreatedAt;
}

export interface CorrectionRequestsTable {
  id: Generated<number>;
  employee_id: number;
  telegram_user_id: number;
  text: string;
  status: Generated<"open" | "done">;
  created_at: CreatedAt;
  resolved_by: number | null;
  resolved_at: Timestamp | null;
}

/** Which process sends the outbox: one holder at a time, taken over when its lease runs out. */
export interface SenderLeaseTable {
  name: string;
  holder: string;
  until: Date;
}

/** Each process's direct replies in the last second, and a 429 pause it met. */
export interface SendBudgetTable {
  process_id: string;
  replies: Generated<number>;
  paused_until: Date | null;
  updated_at: CreatedAt;
}

export type VerificationOutcome = "found" | "not_found" | "iin_right" | "iin_wrong";

export interface VerificationLookupsTable {
  id: Generated<number>;
  telegram_user_id: number;
  outcome: VerificationOutcome;
  asked_by: "by_number" | "by_code";
  certificate_id: number | null;
  at: CreatedAt;
}

export interface Database {
  units: UnitsTable;
  providers: ProvidersTable;
  telegram_users: TelegramUsersTable;
  employees: EmployeesTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  lists: ListsTable;
  list_entries: ListEntriesTable;
  list_amendments: ListAmendmentsTable;
  cohorts: CohortsTable;
  enrolments: EnrolmentsTable;
  test_attempts: TestAttemptsTable;
  transfer_requests: TransferRequestsTable;
  certificate_sequences: CertificateSequencesTable;
  certificate_prefixes: CertificatePrefixesTable;
  certificates: CertificatesTable;
  certificate_checks: CertificateChecksTable;
  attendance_statements: AttendanceStatementsTable;
  breaches: BreachesTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  bot_state: BotStateTable;
  verification_failures: VerificationFailuresTable;
  head_orders: HeadOrdersTable;
  head_order_amendments: HeadOrderAmendmentsTable;
  consents: ConsentsTable;
  access_log: AccessLogTable;
  correction_requests: CorrectionRequestsTable;
  sender_lease: SenderLeaseTable;
  send_budget: SendBudgetTable;
  verification_lookups: VerificationLookupsTable;
}

export type Unit = Selectable<UnitsTable>;
export type Provider = Selectable<ProvidersTable>;
export type TelegramUser = Selectable<TelegramUsersTable>;
export type Employee = Selectable<EmployeesTable>;
export type Invite = Selectable<InvitesTable>;
export type Cohort = Selectable<CohortsTable>;
export type Enrolment = Selectable<EnrolmentsTable>;
export type Certificate = Selectable<CertificatesTable>;
