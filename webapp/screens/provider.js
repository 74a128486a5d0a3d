// The provider coordinator's tables: the organization's cohorts; a cohort's
// participants (agreement, tests, certificate, breaches); the results board saved in
// one go; a retest; the register of Appendix 2 with its PDF and XLSX.
import { useState } from "preact/hooks";
import { queryOf, roleApi } from "../api.js";
import { formatDate, t } from "../i18n.js";
import {
  errorText,
  html,
  Loading,
  Notice,
  Pager,
  Select,
  Table,
  Tabs,
  useBackButton,
  useLoad,
  useMainButton,
} from "../ui.js";

function Cohorts({ api, onOpen }) {
  const list = useLoad(() => api.get("cohorts"), []);
  const columns = [
    { key: "program", label: t("provider.cohorts.program") },
    {
      key: "dates",
      label: t("provider.cohorts.dates"),
      className: "mono",
      render: (c) => `${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`,
    },
    {
      key: "enrolled",
      label: t("provider.cohorts.participants"),
      className: "num",
      render: (c) => `${c.enrolled}/${c.capacity}`,
    },
    {
      key: "phase",
      label: t("provider.cohorts.phase"),
      render: (c) => t(`provider.phase.${c.phase}`),
    },
  ];
  return html`<section>
    <h1>${t("provider.cohorts.title")}</h1>
    ${list.error && html`<${Notice} kind="error" text=${errorText(list.error)} />`}
    ${list.loading && !list.data ? html`<${Loading} />` : null}
    ${list.data && html`<${Table} columns=${columns} rows=${list.data.rows} onRow=${(c) => onOpen(c.id)} empty=${t("provider.cohorts.empty")} />`}
  </section>`;
}

const dateOf = (iso) => formatDate(String(iso ?? "").slice(0, 10));

function testsText(p) {
  return p.tests
    .map(
      (x) =>
        `${formatDate(x.takenOn)} · ${t(`provider.test.${x.kind}`)} · ${t(`provider.test.${x.passed ? "passed" : "failed"}`)}`,
    )
    .join("\n");
}

function Cohort({ api, cohortId, onBack, onStep }) {
  useBackButton(onBack);
  const sheet = useLoad(() => api.get(`cohorts/${cohortId}`), [cohortId]);
  const data = sheet.data;
  const waiting = data?.participants.filter((p) => p.status === "enrolled") ?? [];
  const canRecord = Boolean(data?.resultsOpen && waiting.length);
  useMainButton(t("provider.cohort.results_button"), () => onStep("results", data), {
    visible: canRecord,
  });
  if (sheet.error) return html`<${Notice} kind="error" text=${errorText(sheet.error)} />`;
  if (!data) return html`<${Loading} />`;
  const { cohort, participants } = data;
  const columns = [
    { key: "name", label: t("provider.cohort.name") },
    {
      key: "status",
      label: t("provider.cohort.status"),
      render: (p) =>
        html`<span class=${`badge ${p.status === "passed" ? "good" : p.status === "failed" ? "bad" : ""}`}>${t(`provider.status.${p.status}`)}</span>`,
    },
    {
      key: "agreement",
      label: t("provider.cohort.agreement"),
      render: (p) =>
        p.agreementConfirmedAt
          ? t("provider.agreement.confirmed", { date: dateOf(p.agreementConfirmedAt) })
          : html`<span class="badge bad">${t("provider.agreement.pending")}</span>`,
    },
    { key: "tests", label: t("provider.cohort.tests"), className: "lines", render: testsText },
    {
      key: "certificate",
      label: t("provider.cohort.certificate"),
      className: "mono",
      render: (p) =>
        p.certificateId
          ? html`<button class="link" onClick=${() => onStep("certificate", p.certificateId)}>${p.certificateNumber}</button>`
          : p.certificate === "revoked"
            ? t("provider.certificate_revoked")
            : "",
    },
    {
      key: "breaches",
      label: t("provider.cohort.breaches"),
      className: "num",
      render: (p) => p.breaches || "",
    },
  ];
  return html`<section class="card">
    <h1>${cohort.program}</h1>
    <p>
      ${t("provider.cohort.dates", { from: formatDate(cohort.startsOn), to: formatDate(cohort.endsOn) })}<br />
      ${t("provider.cohort.hours", { hours: cohort.academicHours })}<br />
      ${t("provider.cohort.places", { enrolled: participants.length, capacity: cohort.capacity })}
    </p>
    ${
      waiting.length && !data.resultsOpen
        ? html`<${Notice} text=${t("provider.cohort.results_not_yet", { date: formatDate(cohort.endsOn) })} />`
        : null
    }
    <${Table}
      columns=${columns}
      rows=${participants}
      rowKey=${(p) => p.enrolmentId}
      empty=${t("provider.cohort.no_participants")}
    />
    ${
      participants.some((p) => p.mayRetake)
        ? html`<p><button onClick=${() => onStep("retest", data)}>${t("provider.cohort.retest_button")}</button></p>`
        : null
    }
  </section>`;
}

/** A certificate of the organization, as the chat sums it up. */
function CertificateCard({ api, id, onBack }) {
  useBackButton(onBack);
  const card = useLoad(() => api.get(`certificates/${id}`), [id]);
  if (card.error) return html`<${Notice} kind="error" text=${errorText(card.error)} />`;
  if (!card.data) return html`<${Loading} />`;
  const c = card.data;
  return html`<section class="card">
    <p class="lines">${c.summary}</p>
    <dl>
      <dt>${t("provider.certificate.hours")}</dt>
      <dd>${c.academicHours}</dd>
      ${c.replacedByNumber && html`<dt>${t("provider.certificate.replaced_by")}</dt><dd class="mono">${c.replacedByNumber}</dd>`}
      ${c.revokedReason && html`<dt>${t("provider.certificate.revoked_reason")}</dt><dd>${c.revokedReason}</dd>`}
    </dl>
  </section>`;
}

function lineOutcome(line) {
  if (!line.recorded) return t("provider.results.not_recorded", { reason: line.text });
  return line.passed
    ? t("provider.results.recorded_passed", { number: line.certificateNumber })
    : t("provider.results.recorded_failed");
}

/** Items 12–13: everyone waiting for a result, marked passed or not, saved in one request. */
function ResultsBoard({ api, sheet, onBack }) {
  useBackButton(onBack);
  const waiting = sheet.participants.filter((p) => p.status === "enrolled");
  const [takenOn, setTakenOn] = useState(sheet.cohort.endsOn);
  const [failed, setFailed] = useState(() => new Set());
  const [state, setState] = useState({ saving: false, error: null, answer: null });
  const toggle = (id) => {
    const next = new Set(failed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setFailed(next);
  };
  const save = async () => {
    if (state.saving) return;
    if (!takenOn) {
      setState({
        saving: false,
        error: { status: 400, message: t("provider.results.date_missing") },
      });
      return;
    }
    setState({ saving: true, error: null, answer: null });
    try {
      const answer = await api.post(`cohorts/${sheet.cohort.id}/results`, {
        takenOn,
        results: waiting.map((p) => ({
          enrolmentId: p.enrolmentId,
          passed: !failed.has(p.enrolmentId),
        })),
      });
      setState({ saving: false, error: null, answer });
    } catch (error) {
      setState({ saving: false, error, answer: error.details?.lines ? error.details : null });
    }
  };
  const answer = state.answer;
  useMainButton(t("provider.results.save"), save, {
    visible: !answer && waiting.length > 0,
    progress: state.saving,
  });
  const outcomeColumns = [
    { key: "name", label: t("provider.cohort.name") },
    { key: "outcome", label: t("provider.results.outcome"), render: lineOutcome },
  ];
  return html`<section>
    <h1>${t("provider.results.title")}</h1>
    <p class="count">${sheet.cohort.program}</p>
    ${state.error && html`<${Notice} kind="error" text=${errorText(state.error)} />`}
    ${
      answer
        ? html`${answer.passed + answer.failed > 0 ? html`<${Notice} kind="done" text=${t("provider.results.saved", answer)} />` : null}
          <${Table} columns=${outcomeColumns} rows=${answer.lines} rowKey=${(l) => l.enrolmentId} />`
        : waiting.length === 0
          ? html`<${Notice} text=${t("provider.results.none")} />`
          : html`<label class="field">
              <span>${t("provider.results.date")}</span>
              <input type="date" name="takenOn" value=${takenOn} min=${sheet.cohort.endsOn} max=${sheet.today}
                onInput=${(e) => setTakenOn(e.currentTarget.value)} />
            </label>
            <p class="count">${t("provider.results.hint")}</p>
            <ul class="board">
              ${waiting.map(
                (p) => html`<li key=${p.enrolmentId}>
                  <label>
                    <input type="checkbox" checked=${!failed.has(p.enrolmentId)} onChange=${() => toggle(p.enrolmentId)} />
                    <span>${p.name}</span>
                    <span class=${`badge ${failed.has(p.enrolmentId) ? "bad" : "good"}`}>
                      ${t(`provider.test.${failed.has(p.enrolmentId) ? "failed" : "passed"}`)}
                    </span>
                  </label>
                </li>`,
              )}
            </ul>`
    }
  </section>`;
}

/** Item 13(1): a retest of someone without a certificate, once a calendar year. */
function Retest({ api, sheet, onBack }) {
  useBackButton(onBack);
  const candidates = sheet.participants.filter((p) => p.mayRetake);
  const [who, setWho] = useState(String(candidates[0]?.enrolmentId ?? ""));
  const [takenOn, setTakenOn] = useState(sheet.today);
  const [passed, setPassed] = useState("passed");
  const [state, setState] = useState({ saving: false, error: null, done: null });
  const save = async () => {
    if (state.saving) return;
    if (!takenOn) {
      setState({
        saving: false,
        error: { status: 400, message: t("provider.results.date_missing") },
      });
      return;
    }
    setState({ saving: true, error: null, done: null });
    try {
      const answer = await api.post(`cohorts/${sheet.cohort.id}/retests`, {
        enrolmentId: Number(who),
        takenOn,
        passed: passed === "passed",
      });
      setState({ saving: false, error: null, done: answer.text });
    } catch (error) {
      setState({ saving: false, error, done: null });
    }
  };
  useMainButton(t("provider.retest.save"), save, {
    visible: candidates.length > 0 && !state.done,
    progress: state.saving,
  });
  return html`<section>
    <h1>${t("provider.retest.title")}</h1>
    <p class="count">${t("provider.retest.rule")}</p>
    ${state.error && html`<${Notice} kind="error" text=${errorText(state.error)} />`}
    ${state.done && html`<${Notice} kind="done" text=${state.done} />`}
    ${
      candidates.length === 0
        ? html`<${Notice} text=${t("provider.retest.none")} />`
        : html`<div class="filters column">
            <${Select} label=${t("provider.retest.who")} name="enrolment" value=${who} onChange=${setWho}
              options=${candidates.map((p) => [String(p.enrolmentId), p.name])} />
            <label class="field">
              <span>${t("provider.retest.date")}</span>
              <input type="date" name="takenOn" value=${takenOn} onInput=${(e) => setTakenOn(e.currentTarget.value)} />
            </label>
            <${Select} label=${t("provider.retest.result")} name="result" value=${passed} onChange=${setPassed}
              options=${[
                ["passed", t("provider.test.passed")],
                ["failed", t("provider.test.failed")],
              ]} />
          </div>`
    }
  </section>`;
}

function Register({ api }) {
  // This year (the bot's calendar) until another period is picked.
  const [picked, setPicked] = useState(null);
  const [page, setPage] = useState(0);
  const [downloadError, setDownloadError] = useState(null);
  const list = useLoad(() => api.get(`register${queryOf({ year: picked, page })}`), [picked, page]);
  const rows = list.data?.rows ?? [];
  const thisYear = list.data?.currentYear ?? new Date().getFullYear();
  const year = picked ?? String(list.data?.year ?? thisYear);
  const fileName = (kind) =>
    `${t("provider.register.title")} ${year === "all" ? t("provider.register.all_time") : year}.${kind}`;
  const download = (kind) => {
    setDownloadError(null);
    api.download(`register.${kind}${queryOf({ year })}`, fileName(kind)).catch(setDownloadError);
  };
  useMainButton(t("provider.register.xlsx"), () => download("xlsx"), { visible: rows.length > 0 });
  const numberOf = (r) =>
    r.status === "replaced"
      ? html`${r.number}<br /><small>${t("provider.register.replaced", { number: r.replacedByNumber ?? "—" })}</small>`
      : r.status === "revoked"
        ? html`${r.number}<br /><small>${t("provider.register.revoked")}</small>`
        : r.number;
  const columns = [
    { key: "index", label: "№", className: "num" },
    {
      key: "holder",
      label: t("provider.register.holder"),
      render: (r) => html`${r.holderName}<br /><span class="mono">${r.iin}</span>`,
    },
    {
      key: "work",
      label: t("provider.register.work"),
      render: (r) => `${r.workplace}, ${r.position}`,
    },
    { key: "number", label: t("provider.register.number"), className: "mono", render: numberOf },
    {
      key: "issuedOn",
      label: t("provider.register.issued"),
      className: "mono",
      render: (r) => formatDate(r.issuedOn),
    },
  ];
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => [String(y), String(y)]);
  return html`<section>
    <h1>${t("provider.register.title")}</h1>
    <div class="filters">
      <${Select} label=${t("provider.register.year")} name="year" value=${year}
        onChange=${(v) => {
          setPicked(v);
          setPage(0);
        }}
        options=${[...years, ["all", t("provider.register.all_time")]]} />
    </div>
    ${list.error && html`<${Notice} kind="error" text=${errorText(list.error)} />`}
    ${downloadError && html`<${Notice} kind="error" text=${errorText(downloadError)} />`}
    ${list.loading && !list.data ? html`<${Loading} />` : null}
    ${
      list.data &&
      html`${rows.length ? html`<p class="count">${t("provider.register.iin_note")}</p>` : null}
      <${Table} columns=${columns} rows=${rows} rowKey=${(r) => r.number} empty=${t("provider.register.empty")} />
      <${Pager} page=${page} pageSize=${list.data.pageSize} total=${list.data.total} onPage=${setPage} />
      ${rows.length ? html`<p><button onClick=${() => download("pdf")}>${t("provider.register.pdf")}</button></p>` : null}`
    }
  </section>`;
}

export function ProviderScreens({ grant }) {
  const api = roleApi(grant.key);
  const [tab, setTab] = useState("cohorts");
  // The cohort open, and the step over it: "results" or "retest" with the sheet it
  // started from, or "certificate" with the certificate's id.
  const [cohortId, setCohortId] = useState(null);
  const [step, setStep] = useState(null);
  const [round, setRound] = useState(0);
  if (step) {
    const back = () => {
      setStep(null);
      setRound((r) => r + 1);
    };
    if (step.kind === "certificate")
      return html`<${CertificateCard} api=${api} id=${step.sheet} onBack=${back} />`;
    const Step = step.kind === "results" ? ResultsBoard : Retest;
    return html`<${Step} api=${api} sheet=${step.sheet} onBack=${back} />`;
  }
  if (cohortId)
    return html`<${Cohort}
      key=${round}
      api=${api}
      cohortId=${cohortId}
      onBack=${() => setCohortId(null)}
      onStep=${(kind, sheet) => setStep({ kind, sheet })}
    />`;
  return html`<${Tabs} names=${["cohorts", "register"]} current=${tab} onPick=${setTab} prefix="provider" />
    ${tab === "cohorts" ? html`<${Cohorts} api=${api} onOpen=${setCohortId} />` : html`<${Register} api=${api} />`}`;
}
