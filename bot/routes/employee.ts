// The employee's own screens (status, cohort, agreement, transfer, documents) and
// the personal-data screens.
import { TRANSFER_REASONS } from "../rules/transfer.js";
import { route } from "./route.js";

const EMPLOYEE = ["employee"] as const;
/** Whose personal-data notice: the employee's or the coordinator's. */
const NOTICE_SUBJECT = ["employee", "coordinator"] as const;

export const employeeRoutes = {
  employeeStatus: route("es", { roles: EMPLOYEE }),
  employeeCohort: route("ec", { roles: EMPLOYEE }),
  employeeAgreement: route("ea", { roles: EMPLOYEE }),
  /** "I accept the conditions" of the agreement of one enrolment (item 11). */
  agreementConfirm: route("eac", { roles: EMPLOYEE, params: { enrolment: "int" } }),
  employeeTransfer: route("et", { roles: EMPLOYEE }),
  employeeDocuments: route("ed", { roles: EMPLOYEE }),
  /** One of the employee's documents as a PDF in the given language. */
  documentFile: route("edf", {
    roles: EMPLOYEE,
    params: { kind: ["certificate", "statement"], document: "int", language: ["kk", "ru"] },
  }),

  /** Transfer request steps (a conversation): the reason, the target cohort, sending it. */
  transferReason: route("trr", { params: { reason: TRANSFER_REASONS } }),
  transferTarget: route("trt", { params: { cohort: "int" } }),
  /** The regional coordinator picks the cohort instead. */
  transferAnyTarget: route("tra"),
  transferSend: route("trs"),

  /** The personal-data notice shown again. */
  privacyNotice: route("pdn", { params: { subject: NOTICE_SUBJECT } }),
  /** The answer to a notice: agree, or (the employee's notice only) decline. */
  privacyAnswer: route("pda", {
    params: { answer: ["agree", "decline"], subject: NOTICE_SUBJECT },
  }),
  /** "My data": what the bot keeps about the person, for anyone who writes to it. */
  myData: route("md"),
  /** Everything held about the person, as a PDF. */
  myDataFile: route("mdp"),
  /** The person asks their coordinators to correct their data. */
  myDataCorrection: route("mdc"),
  /** A coordinator marks a person's correction request done. */
  correctionDone: route("crd", { params: { request: "int" } }),
};
