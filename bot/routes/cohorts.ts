// Regional coordinators: enrolment, head's orders, transfers, breaches; provider
// coordinators: cohorts, results, certificates, the register, the logo. The routes
// without roles are the buttons of a conversation's step: the conversation checks
// its grant itself (telegram/routing.ts, withGrant).
import { COHORT_FIELDS, REMOTE_BASES } from "../rules/index.js";
import { route } from "./route.js";

const REGIONAL = ["regional_coordinator"] as const;
const PROVIDER = ["provider_coordinator"] as const;
const LANGUAGES = ["kk", "ru"] as const;

export const cohortRoutes = {
  // A regional coordinator sends employees to training (item 9).
  /** Starts an enrolment: a cohort, people, the head's order. */
  enrol: route("en", { roles: REGIONAL }),
  /** Enrolment step: the cohort chosen. */
  enrolCohort: route("enc", { params: { cohort: "int" } }),
  /** Enrolment step: one person ticked or unticked. */
  enrolToggle: route("ept", { params: { employee: "int" } }),
  /** Enrolment step: a page of the candidates. */
  enrolPage: route("epp", { params: { page: "int" } }),
  /** Enrolment step: search by surname, show everyone again, or go on with those ticked. */
  enrolPick: route("ep", { params: { action: ["search", "all", "next"] } }),
  /** Enrolment step: the order's draft in one language. */
  orderDraft: route("od", { params: { language: LANGUAGES } }),
  /** Enrolment step: on to the signed order's number and date. */
  orderDraftDone: route("odn"),
  /** The region's kept head's orders. */
  headOrders: route("ho", { roles: REGIONAL }),
  /** One kept order as DOCX and PDF in one language. */
  headOrderFiles: route("hf", {
    roles: REGIONAL,
    params: { order: "int", language: LANGUAGES },
  }),
  /** Records the amending order of a kept order that names a cohort's old dates. */
  headOrderAmend: route("hoa", { roles: REGIONAL, params: { order: "int" } }),

  // Transfer requests of the region (item 13.2).
  transferRequests: route("tq", { roles: REGIONAL }),
  transferRequest: route("tv", { roles: REGIONAL, params: { request: "int" } }),
  /** Pick another cohort than the one asked for, then approve. */
  transferPickCohort: route("tc", { roles: REGIONAL, params: { request: "int" } }),
  transferApprove: route("ty", {
    roles: REGIONAL,
    params: { request: "int", cohort: "int" },
  }),
  /** Reject, with a reason asked next. */
  transferReject: route("tn", { roles: REGIONAL, params: { request: "int" } }),
  /** Breaches of the agreement in the region (item 11). */
  breaches: route("br", { roles: REGIONAL }),

  // A provider coordinator's cohorts (items 4, 6, 10–13).
  cohorts: route("co", { roles: PROVIDER }),
  cohort: route("cov", { roles: PROVIDER, params: { cohort: "int" } }),
  cohortNew: route("con", { roles: PROVIDER }),
  cohortEdit: route("coe", { roles: PROVIDER, params: { cohort: "int", field: COHORT_FIELDS } }),
  /** Final results of the cohort's participants (item 12). */
  cohortResults: route("cor", { roles: PROVIDER, params: { cohort: "int" } }),
  /** A retest of one who failed (item 13.1). */
  cohortRetest: route("crt", { roles: PROVIDER, params: { cohort: "int" } }),
  /** A breach of the agreement by a participant (item 11). */
  cohortBreach: route("cob", { roles: PROVIDER, params: { cohort: "int" } }),
  /** New cohort step: the form of training. */
  cohortForm: route("cf", { params: { form: ["full_time", "remote"] } }),
  /** New cohort step: the ground for distance learning (item 4.2). */
  cohortRemoteBasis: route("cb", { params: { basis: REMOTE_BASES } }),
  /** Results step: one participant marked failed, or passed again. */
  resultToggle: route("rst", { params: { enrolment: "int" } }),
  /** Results step: save the board. */
  resultsSave: route("rss"),
  /** Retest or breach step: the participant. */
  participant: route("ca", { params: { enrolment: "int" } }),
  /** Retest step: its result. */
  retestResult: route("rr", { params: { result: ["passed", "failed"] } }),

  // A provider coordinator's certificates, register and logo.
  /** Finds a certificate by its number, to reissue or revoke. */
  certificate: route("pc", { roles: PROVIDER }),
  /** Certificate step: what to do with the one found. */
  certificateAction: route("pca", { params: { action: ["reissue", "revoke"] } }),
  register: route("rg", { roles: PROVIDER }),
  /** The register of one year, or of all time (year 0). */
  registerPeriod: route("rgp", { roles: PROVIDER, params: { year: "int" } }),
  logo: route("pl", { roles: PROVIDER }),
  /** Logo step: remove the logo instead of sending one. */
  logoRemove: route("plr"),
};
