// The district coordinator's tables: the unit's register (filtered, searched, sorted
// and paged by the server), an employee's card with the chat's edits and
// deactivation, and next year's list (item 7): add, remove with a reason, send.
import { useState } from "preact/hooks";
import { queryOf, roleApi } from "../api.js";
import { formatDate, formatDateTime, t } from "../i18n.js";
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

const fullName = (e) => [e.lastName, e.firstName, e.patronymic].filter(Boolean).join(" ");

const STATUSES = ["overdue", "due_this_year", "due_soon", "up_to_date", "never_trained"];
const AGREEMENTS = ["signed", "unsigned", "not_enrolled"];
const CONSENTS = ["agreed", "declined", "pending", "not_joined"];

function StatusBadge({ status }) {
  const kind = status === "overdue" ? "bad" : status === "up_to_date" ? "good" : "";
  return html`<span class=${`badge ${kind}`}>${t(`district.status.${status}`)}</span>`;
}

/** "20.12.2026 · 25 days left", or "now" for the never trained. */
function dueText(row) {
  if (!row.dueOn) return t("district.register.due_now");
  const days =
    row.daysLeft < 0
      ? t("district.register.days_overdue", { days: -row.daysLeft })
      : t("district.register.days_left", { days: row.daysLeft });
  return `${formatDate(row.dueOn)} · ${days}`;
}

/** A result of an action: the server's words, done or refused. */
function useMessage() {
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState(false);
  async function run(action, after) {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await action();
      setMessage({ kind: "done", text: answer.message });
      after?.();
      return true;
    } catch (error) {
      setMessage({ kind: "error", text: errorText(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  const notice = message ? html`<${Notice} kind=${message.kind} text=${message.text} />` : null;
  return { run, busy, notice, clear: () => setMessage(null) };
}

// ---- The register ----------------------------------------------------------------

const SORTS = {
  due: { sort: "due" },
  due_desc: { sort: "due", dir: "desc" },
  name: { sort: "name" },
};

function Register({ api, filters, setFilters, onOpen }) {
  const { status, agreement, consent, order, search, page } = filters;
  const change = (values) => setFilters({ ...filters, page: 0, ...values });
  const list = useLoad(
    () =>
      api.get(`employees${queryOf({ status, agreement, consent, search, page, ...SORTS[order] })}`),
    [status, agreement, consent, order, search, page],
  );
  const any = [["", t("district.register.all")]];
  const columns = [
    { key: "name", label: t("district.register.name"), render: fullName },
    { key: "iin", label: t("district.register.iin"), className: "mono" },
    {
      key: "status",
      label: t("district.register.status"),
      render: (e) => html`<${StatusBadge} status=${e.status} /><br /><small>${dueText(e)}</small>`,
    },
    {
      key: "agreement",
      label: t("district.register.agreement"),
      render: (e) => t(`district.agreement.${e.agreement}`),
    },
    {
      key: "consent",
      label: t("district.register.consent"),
      render: (e) => t(`district.consent.${e.consent}`),
    },
    { key: "position", label: t("district.register.position") },
  ];
  return html`<section>
    <h1>${t("district.register.title")}</h1>
    <div class="filters">
      <${Select}
        name="status"
        label=${t("district.register.filter_status")}
        value=${status}
        options=${[...any, ...STATUSES.map((s) => [s, t(`district.status.${s}`)])]}
        onChange=${(value) => change({ status: value })}
      />
      <${Select}
        name="agreement"
        label=${t("district.register.filter_agreement")}
        value=${agreement}
        options=${[...any, ...AGREEMENTS.map((s) => [s, t(`district.agreement.${s}`)])]}
        onChange=${(value) => change({ agreement: value })}
      />
      <${Select}
        name="consent"
        label=${t("district.register.filter_consent")}
        value=${consent}
        options=${[...any, ...CONSENTS.map((s) => [s, t(`district.consent.${s}`)])]}
        onChange=${(value) => change({ consent: value })}
      />
      <${Select}
        name="order"
        label=${t("district.register.sort")}
        value=${order}
        options=${[
          ["due", t("district.register.sort_due")],
          ["due_desc", t("district.register.sort_due_desc")],
          ["name", t("district.register.sort_name")],
        ]}
        onChange=${(value) => change({ order: value })}
      />
    </div>
    <${SearchBox}
      value=${search}
      onSearch=${(text) => change({ search: text })}
      placeholder=${t("district.register.search")}
    />
    ${list.error && html`<${Notice} kind="error" text=${errorText(list.error)} />`}
    ${list.loading && !list.data ? html`<${Loading} />` : null}
    ${
      list.data &&
      html`<${Table} columns=${columns} rows=${list.data.rows} onRow=${(e) => onOpen(e.id)} />
        <${Pager}
          page=${page}
          pageSize=${list.data.pageSize}
          total=${list.data.total}
          onPage=${(p) => setFilters({ ...filters, page: p })}
        />`
    }
  </section>`;
}

// ---- The card --------------------------------------------------------------------

/** One field of the card, changed as in the chat: typed, checked by the server. */
function Field({ api, employeeId, field, value, onSaved }) {
  const shown =
    field.name === "previous_certificate_issued_on"
      ? formatDate(value)
      : field.name === "phone" && value
        ? `+${value}`
        : value;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const action = useMessage();
  const save = (typed) =>
    action.run(
      () => api.post(`employees/${employeeId}/field`, { field: field.name, value: typed }),
      () => {
        setEditing(false);
        onSaved();
      },
    );
  return html`<dt>${t(`district.field.${field.name}`)}</dt>
    <dd>
      ${
        editing
          ? html`<form
              class="edit"
              onSubmit=${(e) => {
                e.preventDefault();
                save(text);
              }}
            >
              <input
                name=${field.name}
                value=${text}
                maxlength=${field.max}
                placeholder=${field.name === "previous_certificate_issued_on" ? t("district.card.date_hint") : ""}
                onInput=${(e) => setText(e.currentTarget.value)}
              />
              <button class="primary" type="submit" disabled=${action.busy}>${t("district.card.save")}</button>
              ${field.optional && value ? html`<button type="button" class="danger" onClick=${() => save(null)}>${t("district.card.erase")}</button>` : null}
              <button type="button" onClick=${() => setEditing(false)}>${t("district.card.cancel")}</button>
            </form>`
          : html`${shown || "—"}
              <button
                class="link"
                aria-label=${`${t("district.card.edit")}: ${t(`district.field.${field.name}`)}`}
                onClick=${() => {
                  setText(shown ?? "");
                  action.clear();
                  setEditing(true);
                }}
              >✏️</button>`
      }
      ${action.notice}
    </dd>`;
}

function Training({ card }) {
  const last = card.lastCertificate;
  const lines = [
    [t("district.card.due"), html`<${StatusBadge} status=${card.status} /> ${dueText(card)}`],
    [
      t("district.card.last_certificate"),
      !last
        ? t("district.card.no_certificate")
        : last.provider
          ? `${t("district.card.certificate_line", { number: last.number ?? "—", date: formatDate(last.issuedOn) })}, ${last.provider}`
          : t("district.card.certificate_before_bot", { date: formatDate(last.issuedOn) }),
    ],
  ];
  for (const [key, list] of [
    ["list_current", card.lists.currentYear],
    ["list_next", card.lists.nextYear],
  ]) {
    if (list)
      lines.push([
        t(`district.card.${key}`, { year: list.year }),
        t(`district.list_status.${list.status}`),
      ]);
  }
  const enrolment = card.enrolment;
  lines.push([
    t("district.card.cohort"),
    enrolment
      ? html`«${enrolment.program}», ${enrolment.provider}, ${formatDate(enrolment.startsOn)} – ${formatDate(enrolment.endsOn)}<br />
          <small>${t("district.card.order", { number: enrolment.orderNumber, date: formatDate(enrolment.orderDate) })} · ${t(`district.enrolment.${enrolment.status}`)}</small>`
      : t("district.card.no_cohort"),
  ]);
  if (enrolment?.status === "enrolled")
    lines.push([
      t("district.card.agreement"),
      enrolment.agreementConfirmedAt
        ? t("district.card.agreement_signed", {
            at: formatDateTime(enrolment.agreementConfirmedAt),
          })
        : t("district.card.agreement_unsigned"),
    ]);
  return html`<h2>${t("district.card.training")}</h2>
    <dl>${lines.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
    ${
      card.revokedCertificate &&
      html`<${Notice}
        text=${t("district.card.revoked", {
          number: card.revokedCertificate.number,
          date: formatDate(card.revokedCertificate.issuedOn),
          reason: card.revokedCertificate.reason,
        })}
      />`
    }
    ${card.retestsLeft !== null && html`<p>${t("district.card.retests_left", { count: card.retestsLeft })}</p>`}`;
}

function History({ card }) {
  const tests = (e) =>
    e.tests
      .map((x) =>
        t(x.passed ? "district.card.test_passed" : "district.card.test_failed", {
          date: formatDate(x.on),
        }),
      )
      .join(", ");
  return html`<h2>${t("district.card.history")}</h2>
    <${Table}
      rowKey=${(e) => `${e.startsOn}-${e.order}`}
      rows=${card.enrolments}
      empty=${t("district.card.none")}
      columns=${[
        {
          key: "program",
          label: t("district.card.cohort"),
          render: (e) => `${e.program}, ${e.provider}`,
        },
        {
          key: "dates",
          label: t("district.card.period"),
          className: "mono",
          render: (e) => `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}`,
        },
        {
          key: "status",
          label: t("district.card.result"),
          render: (e) => [t(`district.enrolment.${e.status}`), tests(e)].filter(Boolean).join("; "),
        },
      ]}
    />
    <h2>${t("district.card.documents")}</h2>
    <${Table}
      rowKey=${(d) => `${d.kind}-${d.id}`}
      rows=${card.documents}
      empty=${t("district.card.none")}
      columns=${[
        { key: "kind", label: "", render: (d) => t(`district.document.${d.kind}`) },
        { key: "number", label: "№", className: "mono", render: (d) => d.number ?? "—" },
        { key: "issuedOn", label: "", className: "mono", render: (d) => formatDate(d.issuedOn) },
        { key: "provider", label: "" },
        {
          key: "status",
          label: "",
          render: (d) => (d.status ? t(`district.document.${d.status}`) : ""),
        },
      ]}
    />`;
}

function Card({ api, employeeId, onBack }) {
  useBackButton(onBack);
  const card = useLoad(() => api.get(`employees/${employeeId}`), [employeeId]);
  const [confirming, setConfirming] = useState(false);
  const action = useMessage();
  if (card.loading && !card.data) return html`<${Loading} />`;
  if (card.error) return html`<${Notice} kind="error" text=${errorText(card.error)} />`;
  const data = card.data;
  const { employee } = data;
  return html`<section class="card employee">
    <h1>${fullName(employee)}</h1>
    ${!employee.active && html`<${Notice} text=${t("district.card.inactive")} />`}
    ${action.notice}
    <dl>
      <dt>${t("district.card.iin")}</dt>
      <dd class="mono">${employee.iin}</dd>
      ${data.fields.map(
        (field) => html`<${Field}
          key=${field.name}
          api=${api}
          employeeId=${employee.id}
          field=${field}
          value=${employee[fieldKey(field.name)]}
          onSaved=${card.reload}
        />`,
      )}
      <dt>${t("district.card.joined")}</dt>
      <dd>${t(employee.joined ? "district.card.yes" : "district.card.no")}</dd>
      <dt>${t("district.card.consent")}</dt>
      <dd>${t(`district.consent.${data.consent}`)}</dd>
    </dl>
    <${Training} card=${data} />
    <${History} card=${data} />
    ${
      employee.active &&
      (confirming
        ? html`<p>${t("district.card.deactivate_confirm")}</p>
            <div class="filters">
              <button
                class="danger"
                disabled=${action.busy}
                onClick=${() =>
                  action.run(
                    () => api.post(`employees/${employee.id}/deactivate`),
                    () => {
                      setConfirming(false);
                      card.reload();
                    },
                  )}
              >${t("district.card.deactivate_yes")}</button>
              <button onClick=${() => setConfirming(false)}>${t("district.card.cancel")}</button>
            </div>`
        : html`<button class="danger" onClick=${() => setConfirming(true)}>${t("district.card.deactivate")}</button>`)
    }
  </section>`;
}

/** The card's field name → the employee's property in the answer. */
function fieldKey(name) {
  if (name === "previous_certificate_issued_on") return "previousCertificateOn";
  return name.replace(/_(\w)/g, (_, c) => c.toUpperCase());
}

// ---- Next year's list -------------------------------------------------------------

function Candidates({ api, year, onAdded }) {
  const [page, setPage] = useState(0);
  const found = useLoad(() => api.get(`list/candidates${queryOf({ year, page })}`), [year, page]);
  const action = useMessage();
  if (found.loading && !found.data) return html`<${Loading} />`;
  if (found.error) return html`<${Notice} kind="error" text=${errorText(found.error)} />`;
  return html`<h2>${t("district.list.add_title")}</h2>
    ${action.notice}
    <${Table}
      rows=${found.data.rows}
      columns=${[
        { key: "name", label: t("district.list.name"), render: fullName },
        {
          key: "add",
          label: "",
          render: (e) =>
            html`<button
              class="primary"
              disabled=${action.busy}
              onClick=${() =>
                action.run(
                  () => api.post("list/add", { year, employeeId: e.id }),
                  () => {
                    found.reload();
                    onAdded();
                  },
                )}
            >${t("district.list.add_single")}</button>`,
        },
      ]}
    />
    <${Pager} page=${page} pageSize=${found.data.pageSize} total=${found.data.total} onPage=${setPage} />`;
}

function NextYearList({ api, onOpen }) {
  const [year, setYear] = useState(null);
  const [page, setPage] = useState(0);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState(null);
  const [reason, setReason] = useState("");
  const list = useLoad(() => api.get(`list${queryOf({ year, page })}`), [year, page]);
  const action = useMessage();
  const data = list.data;
  useMainButton(
    t("district.list.submit"),
    () => action.run(() => api.post("list/submit", { year: data.year }), list.reload),
    { visible: Boolean(data?.editable), progress: action.busy },
  );
  if (list.loading && !data) return html`<${Loading} />`;
  if (list.error) return html`<${Notice} kind="error" text=${errorText(list.error)} />`;
  const deadline =
    data.daysLeft >= 0
      ? t("district.list.deadline", { date: formatDate(data.deadline), days: data.daysLeft })
      : t("district.list.deadline_passed", {
          date: formatDate(data.deadline),
          days: -data.daysLeft,
        });
  const columns = [
    { key: "fullName", label: t("district.list.name") },
    { key: "position", label: t("district.list.position") },
    {
      key: "reason",
      label: t("district.list.reason"),
      render: (e) =>
        t(`district.list_reason.${e.reason}`, { date: e.dueOn ? formatDate(e.dueOn) : "" }),
    },
  ];
  // The remove button first: at 360 px the last columns are off to the right.
  if (data.editable)
    columns.unshift({
      key: "remove",
      label: "",
      render: (e) =>
        html`<button
          class="danger"
          aria-label=${`${t("district.list.remove")}: ${e.fullName}`}
          title=${t("district.list.remove")}
          onClick=${(event) => {
            event.stopPropagation();
            setRemoving(e);
            setReason("");
          }}
        >✖</button>`,
    });
  return html`<section>
    <h1>${t("district.list.title", { year: data.year })}</h1>
    <p class="count">${data.unit}</p>
    <p>
      ${t("district.list.status")}: <span class="badge">${t(`district.list_status.${data.status}`)}</span>
      ${data.late ? html` <span class="badge bad">${t("district.list.late")}</span>` : null}
    </p>
    <p>${deadline}</p>
    ${data.returnReason && data.status === "returned" && html`<${Notice} kind="error" text=${t("district.list.returned", { reason: data.returnReason })} />`}
    ${!data.editable && html`<${Notice} text=${t("district.list.locked")} />`}
    ${action.notice}
    ${
      removing &&
      html`<form
        class="filters"
        onSubmit=${(e) => {
          e.preventDefault();
          action.run(
            () => api.post("list/remove", { year: data.year, entryId: removing.entryId, reason }),
            () => {
              setRemoving(null);
              list.reload();
            },
          );
        }}
      >
        <label class="field">
          <span>${t("district.list.remove_reason")}: ${removing.fullName}</span>
          <input name="reason" value=${reason} maxlength="500" onInput=${(e) => setReason(e.currentTarget.value)} />
        </label>
        <button class="danger" type="submit" disabled=${action.busy}>${t("district.list.remove_confirm")}</button>
        <button type="button" onClick=${() => setRemoving(null)}>${t("district.card.cancel")}</button>
      </form>`
    }
    <${Table} rowKey=${(e) => e.entryId} columns=${columns} rows=${data.rows} onRow=${(e) => onOpen(e.employeeId)} />
    <${Pager} page=${data.page} pageSize=${data.pageSize} total=${data.total} onPage=${setPage} />
    <div class="filters">
      ${data.editable && html`<button onClick=${() => setAdding(!adding)}>${adding ? t("district.list.close_add") : t("district.list.add")}</button>`}
      <button
        onClick=${() => {
          setYear(data.otherYear);
          setPage(0);
          setAdding(false);
          action.clear();
        }}
      >${t("district.list.other_year", { year: data.otherYear })}</button>
    </div>
    ${adding && data.editable && html`<${Candidates} api=${api} year=${data.year} onAdded=${list.reload} />`}
  </section>`;
}

// ---- The role's screens ------------------------------------------------------------

export function DistrictScreens({ grant }) {
  const api = roleApi(grant.key);
  const [tab, setTab] = useState("register");
  const [employeeId, setEmployeeId] = useState(null);
  const [filters, setFilters] = useState({
    status: "",
    agreement: "",
    consent: "",
    order: "due",
    search: "",
    page: 0,
  });
  if (employeeId)
    return html`<${Card} api=${api} employeeId=${employeeId} onBack=${() => setEmployeeId(null)} />`;
  return html`<${Tabs} names=${["register", "list"]} current=${tab} onPick=${setTab} prefix="district" />
    ${
      tab === "register"
        ? html`<${Register} api=${api} filters=${filters} setFilters=${setFilters} onOpen=${setEmployeeId} />`
        : html`<${NextYearList} api=${api} onOpen=${setEmployeeId} />`
    }`;
}
