// The provider coordinator's tables (items 10–14): the organization's cohorts, a
// cohort's participants with their agreement, tests and certificates, the results
// board saved in one call, retests, and the register of Appendix 2 with its files.
// Every cohort and enrolment id is checked to be the organization's; anyone else's
// gets 403 and nothing of it.
import type { IsoDate } from "../../../db/types.js";
import { renderRegisterPdf, renderRegisterXlsx } from "../../documents/index.js";
import { inLanguage } from "../../i18n/in-language.js";
import { boardRefusalText, retestRefusalText } from "../../i18n/result-refusals.js";
import { almatyDate, almatyYear, formatDate, isValidIsoDate } from "../../rules/index.js";
import { recordAccess, recordAccesses } from "../../services/access-log.js";
import { certificateNumberById, providerCertificateById } from "../../services/certificates.js";
import { cohortSheet, enrolmentNames } from "../../services/cohort-sheet.js";
import { cohortsOf, providerCohort } from "../../services/cohorts.js";
import type { RoleGrant } from "../../services/people.js";
import { registerOf, registerPeriod, registerSubject } from "../../services/register.js";
import { recordFinalResults, recordRetest } from "../../services/test-results.js";
import { plainText, refused } from "../refusals.js";
import { idOf, WebError, type WebRequest, type WebRoute } from "../web-route.js";

type ProviderGrant = Extract<RoleGrant, { role: "provider_coordinator" }>;
type Request = WebRequest<ProviderGrant>;

const REGISTER_PAGE_SIZE = 50;
const MAX_BOARD = 500;

/** A date from the body as the page sends it (YYYY-MM-DD), or a 400. */
function isoDateOf(value: unknown, what: string): IsoDate {
  const text = typeof value === "string" ? value : "";
  if (!isValidIsoDate(text)) throw new WebError(400, `${what} must be a date (YYYY-MM-DD)`);
  return text;
}

function booleanOf(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw new WebError(400, `${what} must be true or false`);
  return value;
}

/** The cohort of the path, if it is the organization's; 403 otherwise. */
async function ownCohortId({ deps, grant, params }: Request): Promise<number> {
  const cohortId = idOf(params.cohortId, "cohortId");
  if (!(await providerCohort(deps.db, cohortId, grant.providerId)))
    throw new WebError(403, "not a cohort of your organization");
  return cohortId;
}

const cohorts: WebRoute<ProviderGrant> = {
  method: "GET",
  path: "/cohorts",
  async handle({ deps, grant, person }) {
    const list = await cohortsOf(
      deps.db,
      { providerId: grant.providerId },
      almatyDate(deps.clock()),
    );
    return {
      rows: list.map((c) => ({
        id: c.id,
        program: c.program[person.language],
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        capacity: c.capacity,
        enrolled: c.enrolled,
        phase: c.phase,
      })),
    };
  },
};

/** A cohort's terms and participants: status, agreement, tests, certificate, breaches. */
const cohort: WebRoute<ProviderGrant> = {
  method: "GET",
  path: "/cohorts/:cohortId",
  async handle(request) {
    const { deps, grant, person, params } = request;
    const today = almatyDate(deps.clock());
    const sheet = await cohortSheet(
      deps.db,
      grant.providerId,
      idOf(params.cohortId, "cohortId"),
      today,
    );
    if (!sheet) throw new WebError(403, "not a cohort of your organization");
    const c = sheet.cohort;
    return {
      cohort: {
        id: c.id,
        program: inLanguage(c, "program_title", person.language),
        startsOn: c.starts_on,
        endsOn: c.ends_on,
        academicHours: c.academic_hours,
        capacity: c.capacity,
        form: c.form,
      },
      today,
      resultsOpen: sheet.resultsOpen,
      participants: sheet.participants.map((p) => ({
        enrolmentId: p.enrolmentId,
        name: p.name,
        status: p.status,
        agreementConfirmedAt: p.agreementConfirmedAt,
        tests: p.tests,
        certificate: p.certificate,
        certificateId: p.certificateId,
        certificateNumber: p.certificateNumber,
        breaches: p.breaches,
        mayRetake: p.mayRetake,
      })),
    };
  },
};

/** The results board's body: the test's date, and pass or fail for each participant. */
function boardOf(body: Record<string, unknown>) {
  const takenOn = isoDateOf(body.takenOn, "takenOn");
  if (!Array.isArray(body.results) || body.results.length === 0 || body.results.length > MAX_BOARD)
    throw new WebError(400, `results must be a list of 1 to ${MAX_BOARD} participants`);
  const results = body.results.map((r: unknown, i) => {
    const row = (typeof r === "object" && r !== null ? r : {}) as Record<string, unknown>;
    return {
      enrolmentId: idOf(row.enrolmentId, `results[${i}].enrolmentId`),
      passed: booleanOf(row.passed, `results[${i}].passed`),
    };
  });
  if (new Set(results.map((r) => r.enrolmentId)).size !== results.length)
    throw new WebError(400, "a participant is named twice");
  return { takenOn, results };
}

/**
 * Items 12, 13: the cohort's final results in one call of the service, in one
 * transaction: certificates for who passed, statements for who failed, the employees
 * told through the outbox. Every enrolment must be of this cohort (403 otherwise);
 * each person not recorded is named with the reason; when
 * nobody was recorded (a second save) the answer is 409 with "already done by X at T".
 */
const results: WebRoute<ProviderGrant> = {
  method: "POST",
  path: "/cohorts/:cohortId/results",
  async handle(request) {
    const { deps, grant, person, actor, body } = request;
    const board = boardOf(body);
    const cohortId = await ownCohortId(request);
    const ids = board.results.map((r) => r.enrolmentId);
    const names = await enrolmentNames(deps.db, cohortId, ids);
    if (ids.some((id) => !names.has(id)))
      throw new WebError(403, "not a participant of this cohort");
    const saved = await recordFinalResults(deps.db, {
      providerId: grant.providerId,
      cohortId,
      results: board.results,
      takenOn: board.takenOn,
      actor: actor.telegramId,
      now: deps.clock(),
    });
    if (!saved.ok) throw refused(person, "cohorts.problem", saved);
    const lines = saved.lines.map((line) => ({
      enrolmentId: line.enrolmentId,
      name: names.get(line.enrolmentId) ?? "",
      ...(line.ok
        ? {
            recorded: true as const,
            passed: line.outcome.passed,
            certificateNumber: line.outcome.certificateNumber,
          }
        : {
            recorded: false as const,
            reason: line.reason,
            text: plainText(boardRefusalText(person.t, line)),
          }),
    }));
    const recorded = lines.filter((l) => l.recorded === true);
    const summary = {
      takenOn: board.takenOn,
      passed: recorded.filter((l) => l.passed).length,
      failed: recorded.filter((l) => !l.passed).length,
      lines,
    };
    if (recorded.length > 0) return summary;
    const first = saved.lines.find((l) => !l.ok && l.done);
    const message =
      first && !first.ok
        ? refused(person, "cohorts.problem", first).message
        : lines.find((l) => l.recorded === false)?.text;
    throw new WebError(409, message ?? "", { reason: "not_recorded", ...summary });
  },
};

/** Item 13(1): a retest of a participant of the cohort, with the chat's refusals. */
const retest: WebRoute<ProviderGrant> = {
  method: "POST",
  path: "/cohorts/:cohortId/retests",
  async handle(request) {
    const { deps, grant, person, actor, body } = request;
    const enrolmentId = idOf(body.enrolmentId, "enrolmentId");
    const takenOn = isoDateOf(body.takenOn, "takenOn");
    const passed = booleanOf(body.passed, "passed");
    const cohortId = await ownCohortId(request);
    const names = await enrolmentNames(deps.db, cohortId, [enrolmentId]);
    if (!names.has(enrolmentId)) throw new WebError(403, "not a participant of this cohort");
    const recorded = await recordRetest(deps.db, {
      providerId: grant.providerId,
      enrolmentId,
      passed,
      takenOn,
      actor: actor.telegramId,
      now: deps.clock(),
    });
    if (!recorded.ok)
      throw new WebError(409, plainText(retestRefusalText(person.t, recorded)), {
        reason: recorded.reason,
      });
    const number = recorded.outcome.certificateNumber;
    return {
      enrolmentId,
      passed,
      certificateNumber: number,
      text: plainText(
        person.t(passed ? "cohorts.retest_passed" : "cohorts.retest_failed", {
          number: number ?? "",
        }),
      ),
    };
  },
};

/** `?year=2026` or `?year=all` (0); this year when not given. */
function registerYear({ deps, query }: Request): number {
  const value = query.get("year") ?? String(almatyYear(deps.clock()));
  if (value === "all") return 0;
  if (!/^2\d{3}$/.test(value)) throw new WebError(400, "year must be a year or 'all'");
  return Number(value);
}

/**
 * Item 14, Appendix 2: the register of certificates for a year (or all time), a page
 * at a time, with full IINs; every IIN shown is written to the access log.
 */
const register: WebRoute<ProviderGrant> = {
  method: "GET",
  path: "/register",
  async handle(request) {
    const { deps, grant, person, query } = request;
    const year = registerYear(request);
    const page = Math.max(0, Number(query.get("page")) || 0);
    const data = await registerOf(deps.db, grant.providerId, registerPeriod(year), person.language);
    const rows = data.rows.slice(page * REGISTER_PAGE_SIZE, (page + 1) * REGISTER_PAGE_SIZE);
    const at = deps.clock();
    await recordAccesses(
      deps.db,
      rows.map((r) => ({
        actor: person.telegramId,
        action: "employee.iin",
        employeeId: r.employeeId ?? null,
        subject: "webapp",
        at,
      })),
    );
    return {
      year: year || "all",
      currentYear: almatyYear(deps.clock()),
      period: data.period,
      total: data.rows.length,
      page,
      pageSize: REGISTER_PAGE_SIZE,
      rows: rows.map((r, i) => ({
        index: page * REGISTER_PAGE_SIZE + i + 1,
        holderName: r.holderName,
        iin: r.iin,
        workplace: r.workplace,
        position: r.position,
        number: r.number,
        issuedOn: r.issuedOn,
        status: r.status,
        replacedByNumber: r.replacedByNumber,
      })),
    };
  },
};

/** One certificate of the organization, as the chat sums it up; anyone else's is 403. */
const certificate: WebRoute<ProviderGrant> = {
  method: "GET",
  path: "/certificates/:certificateId",
  async handle({ deps, grant, person, params }) {
    const id = idOf(params.certificateId, "certificateId");
    const c = await providerCertificateById(deps.db, grant.providerId, id);
    if (!c) throw new WebError(403, "not a certificate of your organization");
    const name = [c.holder_last_name, c.holder_first_name, c.holder_patronymic]
      .filter(Boolean)
      .join(" ");
    return {
      id: c.id,
      number: c.number,
      holderName: name,
      issuedOn: c.issued_on,
      academicHours: c.academic_hours,
      status: c.status,
      replacedByNumber: await certificateNumberById(deps.db, c.replaced_by_id),
      revokedReason: c.revoked_reason,
      summary: plainText(
        person.t("certificates.summary", {
          number: c.number,
          name,
          date: formatDate(c.issued_on),
          status: person.t(`certificates.status.${c.status}`),
        }),
      ),
    };
  },
};

/** The register's file as the chat sends it (PDF or XLSX); the download is on record. */
function registerFile(kind: "pdf" | "xlsx"): WebRoute<ProviderGrant> {
  return {
    method: "GET",
    path: `/register.${kind}`,
    async handle(request) {
      const { deps, grant, person } = request;
      const year = registerYear(request);
      const data = await registerOf(
        deps.db,
        grant.providerId,
        registerPeriod(year),
        person.language,
      );
      if (data.rows.length === 0) throw new WebError(409, person.t("register.empty"));
      const bytes =
        kind === "pdf"
          ? await renderRegisterPdf(data, person.language)
          : await renderRegisterXlsx(data, person.language);
      await recordAccess(deps.db, {
        actor: person.telegramId,
        action: "register.download",
        subject: registerSubject(grant.providerId, year),
        at: deps.clock(),
      });
      const name = `${person.t("register.file_name")} ${year || person.t("register.all_time")}`;
      return {
        file: {
          name: `${name}.${kind}`,
          mimeType:
            kind === "pdf"
              ? "application/pdf"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          bytes,
        },
      };
    },
  };
}

export const PROVIDER_ROUTES: WebRoute<ProviderGrant>[] = [
  cohorts,
  cohort,
  results,
  retest,
  register,
  certificate,
  registerFile("pdf"),
  registerFile("xlsx"),
];
