// The regional coordinator's tables: the district lists board (items 7, 8), the
// consolidated list, enrolment by the head's order (item 9) and transfer requests
// (item 13.2). Every action is the server's: the page shows what it answers,
// refusals included ("already done by X at T"), in the person's language.
import { useEffect, useState } from "preact/hooks";
import { queryOf, roleApi } from "../api.js";
import { formatDate, language, t } from "../i18n.js";
import {
  errorText,
  html,
  Loading,
  Notice,
  Pager,
  SearchBox,
  Select,
  Table,
  Tabs,
  useBackButton,
  useLoad,
  useMainButton,
} from "../ui.js";

const TABS = ["lists", "consolidated", "enrol", "transfers"];

/** A write to the server: busy while it runs, then its message or its refusal. */
function useAction() {
  const [state, setState] = useState({ busy: false, done: "", error: "" });
  const run = async (call, onDone) => {
    if (state.busy) return;
    setState({ busy: true, done: "", error: "" });
    try {
      const answer = await call();
      setState({ busy: false, done: answer?.message ?? "", error: "" });
      onDone?.(answer);
    } catch (error) {
      setState({ busy: false, done: "", error: errorText(error) });
    }
  };
  const notice = html`<${Notice} kind="done" text=${state.done} /><${Notice} kind="error" text=${state.error} />`;
  return { ...state, run, notice };
}

function TextField({ label, value, onInput, multiline, type = "text", name }) {
  const input = multiline
    ? html`<textarea name=${name} rows="2" value=${value} onInput=${(e) => onInput(e.currentTarget.value)} />`
    : html`<input name=${name} type=${type} value=${value} onInput=${(e) => onInput(e.currentTarget.value)} />`;
  return html`<label class="field">${label}${input}</label>`;
}

function Loaded({ load, children }) {
  if (load.error) return html`<${Notice} kind="error" text=${errorText(load.error)} />`;
  if (load.loading && !load.data) return html`<${Loading} />`;
  return load.data ? children(load.data) : null;
}

const yearOptions = (years) => years.map((y) => [String(y), String(y)]);
const today = () => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

// ── The district lists board ───────────────────────────────────────────────

function listBadge(d) {
  const text = d.list
    ? d.list.statusName
    : t(d.overdue ? "region.board.not_sent" : "region.board.not_started");
  const kind = d.list?.status === "accepted" ? "good" : d.overdue ? "bad" : "";
  return html`<span class=${`badge ${kind}`}>${text}</span>`;
}

function Board({ api }) {
  const [year, setYear] = useState("");
  const [open, setOpen] = useState(null);
  const board = useLoad(() => api.get(`lists${queryOf({ year })}`), [year]);
  if (open)
    return html`<${DistrictCard} api=${api} row=${open} onBack=${() => {
      setOpen(null);
      board.reload();
    }} />`;
  const columns = [
    { key: "name", label: t("region.board.district") },
    { key: "status", label: t("region.board.status"), render: listBadge },
    {
      key: "count",
      label: t("region.board.count"),
      className: "num",
      render: (d) => d.list?.count ?? "—",
    },
    {
      key: "sent",
      label: t("region.board.sent"),
      render: (d) =>
        d.list?.submittedOn
          ? `${formatDate(d.list.submittedOn)}${d.list.late ? ` · ${t("region.board.late")}` : ` · ${t("region.board.on_time")}`}`
          : "—",
    },
  ];
  return html`<section>
    <h1>${t("region.board.title")}</h1>
    <${Loaded} load=${board}>${(data) => html`
      <div class="filters">
        <${Select} name="year" label=${t("region.year")} value=${String(data.year)} options=${yearOptions(data.years)} onChange=${setYear} />
      </div>
      <p class="count">${t("region.board.deadlines", { district: formatDate(data.districtDeadline), regional: formatDate(data.regionalDeadline) })}</p>
      <p>${t("region.board.consolidated", { status: data.consolidated.statusText, count: data.consolidated.count })}</p>
      <${Table} columns=${columns} rows=${data.districts} rowKey=${(d) => d.unitId}
        onRow=${(d) => d.list && d.list.status !== "draft" && setOpen(d)} />
      <p class="count">${t("region.board.hint")}</p>`}
    <//>
  </section>`;
}

function DistrictCard({ api, row, onBack }) {
  const [reason, setReason] = useState("");
  const action = useAction();
  const list = row.list;
  const people = useLoad(() => api.get(`lists/${list.id}/entries`), [list.id]);
  useBackButton(onBack);
  const submitted = list.status === "submitted";
  useMainButton(
    t("region.board.accept"),
    () => action.run(() => api.post(`lists/${list.id}/accept`)),
    {
      visible: submitted && !action.done,
      progress: action.busy,
    },
  );
  const post = (what) => action.run(() => api.post(`lists/${list.id}/${what}`, { reason }));
  return html`<section class="card">
    <h1>${row.name}</h1>
    <dl>
      <dt>${t("region.board.status")}</dt><dd>${list.statusText}</dd>
      <dt>${t("region.board.count")}</dt><dd>${list.count}</dd>
      <dt>${t("region.board.sent")}</dt><dd>${list.submittedOn ? formatDate(list.submittedOn) : "—"}</dd>
      ${list.returnReason && html`<dt>${t("region.board.return_reason")}</dt><dd>${list.returnReason}</dd>`}
    </dl>
    <div class="filters">
      <button onClick=${() => api.download(`lists/${list.id}/file/pdf`, "")}>PDF</button>
      <button onClick=${() => api.download(`lists/${list.id}/file/xlsx`, "")}>XLSX</button>
    </div>
    ${action.notice}
    <${Loaded} load=${people}>${(d) =>
      html`<${Table} rows=${d.rows} rowKey=${(e) => e.entryId} columns=${[
        { key: "fullName", label: t("region.name") },
        { key: "iin", label: t("region.iin"), className: "mono" },
        { key: "position", label: t("region.position") },
        { key: "reasonText", label: t("region.consolidated.reason") },
      ]} />`}
    <//>
    ${
      (submitted || list.waitsTakeIn) &&
      html`<${TextField} name="reason" label=${t(submitted ? "region.board.return_reason_label" : "region.board.take_in_reason")} value=${reason} onInput=${setReason} multiline />
      <div class="filters">
        ${submitted && html`<button class="danger" disabled=${action.busy} onClick=${() => post("return")}>${t("region.board.return")}</button>`}
        ${list.waitsTakeIn && html`<button class="primary" disabled=${action.busy} onClick=${() => post("take-in")}>${t("region.board.take_in")}</button>`}
      </div>`
    }
  </section>`;
}

// ── The consolidated list ──────────────────────────────────────────────────

function Consolidated({ api }) {
  const [filter, setFilter] = useState({ year: "", district: "", reason: "", page: 0 });
  const [entry, setEntry] = useState(null);
  const [adding, setAdding] = useState(false);
  const action = useAction();
  const list = useLoad(() => api.get(`consolidated${queryOf(filter)}`), [JSON.stringify(filter)]);
  const data = list.data;
  const set = (key) => (value) =>
    setFilter({ ...filter, [key]: value, page: key === "page" ? value : 0 });
  useMainButton(
    t("region.consolidated.approve"),
    () => action.run(() => api.post("consolidated/approve", { year: data.year }), list.reload),
    { visible: Boolean(data?.list.canApprove) && !entry && !adding, progress: action.busy },
  );
  if (entry)
    return html`<${EntryCard} api=${api} year=${data.year} entry=${entry} onBack=${() => {
      setEntry(null);
      list.reload();
    }} />`;
  if (adding)
    return html`<${AddPerson} api=${api} year=${data.year} amendment=${data.list.amendable} onBack=${() => {
      setAdding(false);
      list.reload();
    }} />`;
  const columns = [
    { key: "fullName", label: t("region.name") },
    { key: "iin", label: t("region.iin"), className: "mono" },
    { key: "unit", label: t("region.district") },
    { key: "reasonText", label: t("region.consolidated.reason") },
  ];
  const changeable = (row) => data.list.amendable || (data.list.editable && row.own);
  return html`<section>
    <h1>${t("region.consolidated.title")}</h1>
    <${Loaded} load=${list}>${(d) => html`
      <div class="filters">
        <${Select} name="year" label=${t("region.year")} value=${String(d.year)} options=${yearOptions(d.years)} onChange=${set("year")} />
        <${Select} name="district" label=${t("region.district")} value=${filter.district}
          options=${[["", t("region.all")], ...d.units.map((u) => [String(u.id), u.name])]} onChange=${set("district")} />
        <${Select} name="reason" label=${t("region.consolidated.reason")} value=${filter.reason}
          options=${[["", t("region.all")], ...d.reasons.map((r) => [r, t(`region.reasons.${r}`)])]} onChange=${set("reason")} />
      </div>
      <p>${t("region.consolidated.status", { status: d.list.statusText, count: d.list.count })}</p>
      <div class="filters">
        <button onClick=${() => api.download(`lists/${d.list.id}/file/pdf`, "")}>PDF</button>
        <button onClick=${() => api.download(`lists/${d.list.id}/file/xlsx`, "")}>XLSX</button>
      </div>
      ${action.notice}
      ${(d.list.amendable || d.list.editable) && html`<p><button onClick=${() => setAdding(true)}>${t("region.consolidated.add")}</button></p>`}
      <${Table} columns=${columns} rows=${d.rows} rowKey=${(r) => r.entryId} onRow=${(r) => changeable(r) && setEntry(r)} />
      <${Pager} page=${d.page} pageSize=${d.pageSize} total=${d.total} onPage=${set("page")} />
      ${
        d.lateLists.length > 0 &&
        html`<h2>${t("region.consolidated.late_lists")}</h2>
        <ul>${d.lateLists.map((l) => html`<li key=${l.listId}>${l.name} (${l.count})</li>`)}</ul>
        <p class="count">${t("region.consolidated.late_hint")}</p>`
      }
      ${
        d.amendments.length > 0 &&
        html`<h2>${t("region.consolidated.amendments")}</h2>
        <${Table} rowKey=${(a) => `${a.on}${a.fullName}${a.kind}`} rows=${d.amendments} columns=${[
          { key: "on", label: t("region.date"), render: (a) => formatDate(a.on) },
          {
            key: "kind",
            label: t("region.consolidated.change"),
            render: (a) => t(`region.consolidated.kind_${a.kind}`),
          },
          { key: "fullName", label: t("region.name") },
          { key: "reason", label: t("region.consolidated.why") },
        ]} />`
      }`}
    <//>
  </section>`;
}

function EntryCard({ api, year, entry, onBack }) {
  const [reason, setReason] = useState("");
  const action = useAction();
  useBackButton(onBack);
  useMainButton(
    t("region.consolidated.remove"),
    () =>
      action.run(() => api.post("consolidated/remove", { year, entryId: entry.entryId, reason })),
    { visible: !action.done, progress: action.busy },
  );
  return html`<section class="card">
    <h1>${entry.fullName}</h1>
    <dl>
      <dt>${t("region.iin")}</dt><dd class="mono">${entry.iin}</dd>
      <dt>${t("region.district")}</dt><dd>${entry.unit}</dd>
      <dt>${t("region.position")}</dt><dd>${entry.position}</dd>
      <dt>${t("region.consolidated.reason")}</dt><dd>${entry.reasonText}</dd>
    </dl>
    <${TextField} name="reason" label=${t("region.consolidated.remove_reason")} value=${reason} onInput=${setReason} multiline />
    ${action.notice}
  </section>`;
}

function AddPerson({ api, year, amendment, onBack }) {
  const [page, setPage] = useState(0);
  const [reason, setReason] = useState("");
  const action = useAction();
  const people = useLoad(
    () => api.get(`consolidated/candidates${queryOf({ year, page })}`),
    [page],
  );
  useBackButton(onBack);
  const add = (row) =>
    action.run(
      () => api.post("consolidated/add", { year, employeeId: row.id, reason }),
      people.reload,
    );
  return html`<section>
    <h1>${t("region.consolidated.add")}</h1>
    ${amendment && html`<${TextField} name="reason" label=${t("region.consolidated.add_reason")} value=${reason} onInput=${setReason} multiline />`}
    ${action.notice}
    <${Loaded} load=${people}>${(d) => html`
      <${Table} rows=${d.rows} onRow=${add} columns=${[{ key: "fullName", label: t("region.name") }]} empty=${t("region.consolidated.nobody_to_add")} />
      <${Pager} page=${d.page} pageSize=${d.pageSize} total=${d.total} onPage=${setPage} />`}
    <//>
  </section>`;
}

// ── Enrolment by order ─────────────────────────────────────────────────────

const cohortColumns = () => [
  {
    key: "program",
    label: t("region.enrol.program"),
    render: (c) => html`${c.program}<br /><small class="count">${c.provider}</small>`,
  },
  {
    key: "dates",
    label: t("region.enrol.dates"),
    className: "mono",
    render: (c) => `${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`,
  },
  { key: "placesLeft", label: t("region.enrol.places"), className: "num" },
];

function Enrolment({ api }) {
  const [cohort, setCohort] = useState(null);
  const cohorts = useLoad(() => api.get("enrol/cohorts"), [cohort]);
  if (cohort)
    return html`<${PickPeople} api=${api} cohort=${cohort} onBack=${() => setCohort(null)} />`;
  return html`<section>
    <h1>${t("region.enrol.title")}</h1>
    <p class="count">${t("region.enrol.pick_cohort")}</p>
    <${Loaded} load=${cohorts}>${(d) =>
      html`<${Table} columns=${cohortColumns()} rows=${d.rows} onRow=${setCohort} empty=${t("region.enrol.no_cohorts")} />`}
    <//>
  </section>`;
}

/** The draft's file name as the server makes it (bot/documents/head-order.ts, orderFileName). */
const draftName = (lang, startsOn, ext) =>
  `${lang === "kk" ? "бұйрық-жоба" : "приказ-проект"}-${startsOn}.${ext}`;

/** The order's draft in the language chosen: `onDownload(ext, lang)`. */
function DraftButtons({ onDownload, disabled }) {
  const [lang, setLang] = useState(language);
  return html`<div class="filters">
    <${Select} name="draft-language" label=${t("region.enrol.draft_language")} value=${lang}
      options=${[["kk", t("region.enrol.kk")], ["ru", t("region.enrol.ru")]]} onChange=${setLang} />
    <button disabled=${disabled} onClick=${() => onDownload("docx", lang)}>${t("region.enrol.draft")} DOCX</button>
    <button disabled=${disabled} onClick=${() => onDownload("pdf", lang)}>${t("region.enrol.draft")} PDF</button>
  </div>`;
}

function PickPeople({ api, cohort, onBack }) {
  const [filter, setFilter] = useState({ district: "", due: "", position: "", page: 0 });
  const [ticked, setTicked] = useState(() => new Map());
  const [step, setStep] = useState("pick");
  const [order, setOrder] = useState({ number: "", date: today() });
  const action = useAction();
  const info = useLoad(() => api.get(`enrol/cohorts/${cohort.id}`), [cohort.id]);
  const people = useLoad(
    () => api.get(`enrol/cohorts/${cohort.id}/people${queryOf(filter)}`),
    [JSON.stringify(filter), action.done],
  );
  // Places left, asked again every 15 s while the screen is open: others may take places meanwhile.
  useEffect(() => {
    const timer = setInterval(info.reload, 15_000);
    return () => clearInterval(timer);
  }, []);
  const places = info.data?.cohort.placesLeft ?? people.data?.placesLeft ?? cohort.placesLeft;
  const tooMany = ticked.size > places;
  useBackButton(step === "order" ? () => setStep("pick") : onBack);
  const submit = () =>
    action.run(
      () =>
        api.post(`enrol/cohorts/${cohort.id}/order`, {
          employeeIds: [...ticked.keys()],
          orderNumber: order.number,
          orderDate: order.date,
        }),
      () => {
        setTicked(new Map());
        setStep("pick");
        info.reload();
      },
    );
  useMainButton(
    step === "pick"
      ? t("region.enrol.next", { count: ticked.size })
      : t("region.enrol.enrol", { count: ticked.size }),
    step === "pick" ? () => setStep("order") : submit,
    {
      visible: ticked.size > 0,
      active: !tooMany && (step === "pick" || Boolean(order.number && order.date)),
      progress: action.busy,
    },
  );
  // Who is ticked, by id, with their names for the order step.
  const toggle = (row) => {
    const next = new Map(ticked);
    if (next.has(row.id)) next.delete(row.id);
    else next.set(row.id, row.fullName);
    setTicked(next);
  };
  const rows = people.data?.rows ?? [];
  const allTicked = rows.length > 0 && rows.every((r) => ticked.has(r.id));
  const tickPage = () => {
    const next = new Map(ticked);
    for (const r of rows) allTicked ? next.delete(r.id) : next.set(r.id, r.fullName);
    setTicked(next);
  };
  const download = (ext, lang) =>
    api.download(
      `enrol/cohorts/${cohort.id}/draft/${ext}${queryOf({ ids: [...ticked.keys()].join(","), lang })}`,
      draftName(lang, cohort.startsOn, ext),
    );
  const drafts = html`<${DraftButtons} onDownload=${download} disabled=${ticked.size === 0} />`;
  const set = (key) => (value) =>
    setFilter({ ...filter, [key]: value, page: key === "page" ? value : 0 });
  const head = html`<h1>${cohort.program}</h1>
    <p class="count">${cohort.provider} · ${formatDate(cohort.startsOn)}–${formatDate(cohort.endsOn)}</p>
    <p class=${`notice ${tooMany ? "error" : ""}`} role="status" aria-live="polite">
      ${t("region.enrol.ticked", { count: ticked.size, places: Math.max(0, places - ticked.size) })}
      ${tooMany ? ` ${t("region.enrol.over_places", { places })}` : ""}
    </p>`;
  if (step === "order")
    return html`<section class="card">${head}
      <details>
        <summary>${t("region.enrol.who", { count: ticked.size })}</summary>
        <ol>${[...ticked.values()].sort().map((name) => html`<li>${name}</li>`)}</ol>
      </details>
      ${drafts}
      <div class="filters">
        <${TextField} name="order-number" label=${t("region.enrol.order_number")} value=${order.number} onInput=${(v) => setOrder({ ...order, number: v })} />
        <${TextField} name="order-date" type="date" label=${t("region.enrol.order_date")} value=${order.date} onInput=${(v) => setOrder({ ...order, date: v })} />
      </div>
      ${action.notice}
    </section>`;
  const columns = [
    {
      key: "tick",
      label: html`<input type="checkbox" aria-label=${t("region.enrol.tick_page")} checked=${allTicked} onClick=${tickPage} />`,
      render: (r) =>
        html`<input type="checkbox" aria-label=${r.fullName} checked=${ticked.has(r.id)} onClick=${(
          e,
        ) => {
          e.stopPropagation();
          toggle(r.id);
        }} />`,
    },
    { key: "fullName", label: t("region.name") },
    { key: "iin", label: t("region.iin"), className: "mono" },
    { key: "unit", label: t("region.district") },
    { key: "position", label: t("region.position") },
    {
      key: "dueOn",
      label: t("region.enrol.due"),
      className: "mono",
      render: (r) => (r.dueOn ? formatDate(r.dueOn) : "—"),
    },
  ];
  return html`<section>${head}
    ${action.notice}
    <div class="filters">
      ${
        info.data &&
        html`<${Select} name="district" label=${t("region.district")} value=${filter.district}
        options=${[["", t("region.all")], ...info.data.units.map((u) => [String(u.id), u.name])]} onChange=${set("district")} />`
      }
      <${Select} name="due" label=${t("region.enrol.due")} value=${filter.due}
        options=${[["", t("region.all")], ["overdue", t("region.due.overdue")], ["this_year", t("region.due.this_year")], ["never", t("region.due.never")]]} onChange=${set("due")} />
    </div>
    <${SearchBox} value=${filter.position} onSearch=${set("position")} placeholder=${t("region.enrol.position_search")} />
    <p><button onClick=${tickPage} disabled=${rows.length === 0}>${t(allTicked ? "region.enrol.untick_page" : "region.enrol.tick_page")}</button></p>
    <${Loaded} load=${people}>${(d) => html`
      <${Table} columns=${columns} rows=${d.rows} onRow=${toggle} empty=${t("region.enrol.nobody")} />
      <${Pager} page=${d.page} pageSize=${d.pageSize} total=${d.total} onPage=${set("page")} />`}
    <//>
    ${drafts}
  </section>`;
}

// ── Transfer requests ──────────────────────────────────────────────────────

function Transfers({ api }) {
  const [open, setOpen] = useState(null);
  const requests = useLoad(() => api.get("transfers"), [open]);
  if (open)
    return html`<${TransferCard} api=${api} request=${open} onBack=${() => setOpen(null)} />`;
  const columns = [
    { key: "id", label: "№", className: "num" },
    {
      key: "employeeName",
      label: t("region.name"),
      render: (r) => html`${r.employeeName}<br /><small class="count">${r.unit}</small>`,
    },
    {
      key: "from",
      label: t("region.transfers.from"),
      className: "mono",
      render: (r) => `${formatDate(r.startsOn)}–${formatDate(r.endsOn)}`,
    },
    { key: "reasonText", label: t("region.transfers.reason") },
    { key: "createdAt", label: t("region.transfers.created"), className: "mono" },
  ];
  return html`<section>
    <h1>${t("region.transfers.title")}</h1>
    <${Loaded} load=${requests}>${(d) =>
      html`<${Table} columns=${columns} rows=${d.rows} onRow=${setOpen} empty=${t("region.transfers.none")} />`}
    <//>
  </section>`;
}

function TransferCard({ api, request, onBack }) {
  const [target, setTarget] = useState(
    request.targetCohortId ? String(request.targetCohortId) : "",
  );
  const [order, setOrder] = useState({ number: "", date: today() });
  const [reason, setReason] = useState("");
  const action = useAction();
  const targets = useLoad(() => api.get(`transfers/${request.id}/targets`), [request.id]);
  useBackButton(onBack);
  const closed = Boolean(action.done);
  useMainButton(
    t("region.transfers.approve"),
    () =>
      action.run(() =>
        api.post(`transfers/${request.id}/approve`, {
          cohortId: target,
          orderNumber: order.number,
          orderDate: order.date,
        }),
      ),
    {
      visible: !closed,
      active: Boolean(target && order.number && order.date),
      progress: action.busy,
    },
  );
  const startsOn = targets.data?.rows.find((c) => String(c.id) === target)?.startsOn ?? "";
  return html`<section class="card">
    <h1>${t("region.transfers.request", { id: request.id })}</h1>
    <dl>
      <dt>${t("region.name")}</dt><dd>${request.employeeName}</dd>
      <dt>${t("region.district")}</dt><dd>${request.unit}</dd>
      <dt>${t("region.transfers.from")}</dt><dd>${request.program}, ${formatDate(request.startsOn)}–${formatDate(request.endsOn)}</dd>
      <dt>${t("region.transfers.reason")}</dt><dd>${request.reasonText}</dd>
      <dt>${t("region.transfers.comment")}</dt><dd>${request.comment ?? "—"}</dd>
      <dt>${t("region.transfers.created")}</dt><dd>${request.createdAt}</dd>
    </dl>
    ${request.hasEvidence && html`<p class="count">${t("region.transfers.evidence_in_chat")}</p>`}
    ${action.notice}
    ${
      !closed &&
      html`
      <h2>${t("region.transfers.approve_title")}</h2>
      <${Loaded} load=${targets}>${(
        d,
      ) => html`<${Select} name="target" label=${t("region.transfers.target")} value=${target}
        options=${[["", "—"], ...d.rows.map((c) => [String(c.id), `${formatDate(c.startsOn)}–${formatDate(c.endsOn)} · ${c.provider} (${c.placesLeft})`])]} onChange=${setTarget} />`}
      <//>
      ${
        target &&
        html`<${DraftButtons} onDownload=${(ext, lang) =>
          api.download(
            `transfers/${request.id}/draft/${ext}${queryOf({ cohort: target, lang })}`,
            draftName(lang, startsOn, ext),
          )} />`
      }
      <div class="filters">
        <${TextField} name="order-number" label=${t("region.enrol.order_number")} value=${order.number} onInput=${(v) => setOrder({ ...order, number: v })} />
        <${TextField} name="order-date" type="date" label=${t("region.enrol.order_date")} value=${order.date} onInput=${(v) => setOrder({ ...order, date: v })} />
      </div>
      <h2>${t("region.transfers.reject_title")}</h2>
      <${TextField} name="reject-reason" label=${t("region.transfers.reject_reason")} value=${reason} onInput=${setReason} multiline />
      <p><button class="danger" disabled=${action.busy} onClick=${() => action.run(() => api.post(`transfers/${request.id}/reject`, { reason }))}>${t("region.transfers.reject")}</button></p>`
    }
  </section>`;
}

const SCREENS = {
  lists: Board,
  consolidated: Consolidated,
  enrol: Enrolment,
  transfers: Transfers,
};

export function RegionScreens({ grant }) {
  const api = roleApi(grant.key);
  const [tab, setTab] = useState("lists");
  const Screen = SCREENS[tab];
  return html`<${Tabs} names=${TABS} current=${tab} onPick=${setTab} prefix="region" />
    <${Screen} key=${tab} api=${api} />`;
}
