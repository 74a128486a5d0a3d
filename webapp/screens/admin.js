// The admin's tables: the national overview (each region with its counts, the
// country's total, the chat's chart as an image) and the access log, filtered by
// period, employee and actor and paged by the server.
import { useEffect, useState } from "preact/hooks";
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
  useLoad,
} from "../ui.js";

// ---- The national overview ---------------------------------------------------------

const COUNTS = [
  ["upToDate", "up_to_date"],
  ["dueThisYear", "due_this_year"],
  ["overdue", "overdue"],
  ["neverTrained", "never_trained"],
];

const share = (c) => (c.total ? (100 * c.overdue) / c.total : 0);

function Chart({ api }) {
  // Fetched with the init data like any request (an <img> would send none).
  const link = useLoad(() => api.image("overview.png"), []);
  if (link.error) return html`<${Notice} kind="error" text=${errorText(link.error)} />`;
  if (!link.data) return html`<${Loading} />`;
  return html`<img class="chart" src=${link.data} alt=${t("admin.overview.chart_alt")} />`;
}

function Overview({ api }) {
  const [order, setOrder] = useState("kato");
  const overview = useLoad(() => api.get("overview"), []);
  if (overview.loading && !overview.data) return html`<${Loading} />`;
  if (overview.error) return html`<${Notice} kind="error" text=${errorText(overview.error)} />`;
  const { rows, total, today } = overview.data;
  const sorted =
    order === "overdue"
      ? [...rows].sort(
          (a, b) => share(b.counts) - share(a.counts) || b.counts.overdue - a.counts.overdue,
        )
      : rows;
  const bold = (text, row) => (row.sum ? html`<b>${text}</b>` : text);
  const columns = [
    { key: "name", label: t("admin.overview.region"), render: (r) => bold(r.name, r) },
    {
      key: "total",
      label: t("admin.overview.total"),
      className: "num",
      render: (r) => bold(r.counts.total, r),
    },
    ...COUNTS.map(([key, label]) => ({
      key,
      label: t(`admin.overview.${label}`),
      className: "num",
      render: (r) => bold(r.counts[key], r),
    })),
    {
      key: "share",
      label: t("admin.overview.share_overdue"),
      className: "num",
      render: (r) => bold(share(r.counts).toFixed(1), r),
    },
  ];
  const sum = { unitId: "sum", sum: true, name: t("admin.overview.sum"), counts: total };
  return html`<section>
    <h1>${t("admin.overview.title")}</h1>
    <p class="count">${t("admin.overview.as_of", { date: formatDate(today) })}</p>
    <div class="filters">
      <${Select}
        name="order"
        label=${t("admin.overview.sort")}
        value=${order}
        options=${[
          ["kato", t("admin.overview.sort_kato")],
          ["overdue", t("admin.overview.sort_overdue")],
        ]}
        onChange=${setOrder}
      />
    </div>
    <${Table} rowKey=${(r) => r.unitId} columns=${columns} rows=${[...sorted, sum]} />
    <h2>${t("admin.overview.chart")}</h2>
    <${Chart} api=${api} />
  </section>`;
}

// ---- The access log ------------------------------------------------------------------

function EmployeePicker({ api, picked, onPick }) {
  const [search, setSearch] = useState("");
  const [found, setFound] = useState([]);
  useEffect(() => {
    if (!search) {
      setFound([]);
      return;
    }
    let current = true;
    api.get(`employees${queryOf({ search })}`).then(
      (answer) => current && setFound(answer.rows),
      () => current && setFound([]),
    );
    return () => {
      current = false;
    };
  }, [search]);
  if (picked)
    return html`<p>
      ${t("admin.log.employee")}: <b>${picked.name}</b>
      <button class="link" aria-label=${t("admin.log.clear")} onClick=${() => onPick(null)}>${t("admin.log.clear")}</button>
    </p>`;
  return html`<div>
    <${SearchBox} value=${search} onSearch=${setSearch} placeholder=${t("admin.log.employee_search")} />
    ${
      found.length > 0 &&
      html`<ul class="roles">
        ${found.map(
          (e) => html`<li key=${e.id}>
            <button
              onClick=${() => {
                onPick(e);
                setSearch("");
              }}
            >${e.name}</button>
          </li>`,
        )}
      </ul>`
    }
  </div>`;
}

function AccessLog({ api }) {
  const [period, setPeriod] = useState("7");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [employee, setEmployee] = useState(null);
  const [actor, setActor] = useState("");
  const [page, setPage] = useState(0);
  const custom = period === "custom";
  const query = {
    period,
    from: custom ? from : "",
    to: custom ? to : "",
    employee: employee?.id,
    actor: /^\d+$/.test(actor) ? actor : "",
    page,
  };
  const log = useLoad(
    () => api.get(`access-log${queryOf(query)}`),
    [period, query.from, query.to, query.employee, query.actor, page],
  );
  const again = (set) => (value) => {
    set(value);
    setPage(0);
  };
  const columns = [
    { key: "at", label: t("admin.log.at"), className: "mono", render: (r) => formatDateTime(r.at) },
    {
      key: "who",
      label: t("admin.log.who"),
      render: (r) =>
        html`${r.actorName} <button
            class="link mono"
            title=${t("admin.log.by_actor")}
            onClick=${() => again(setActor)(String(r.actorId))}
          >${r.actorId}</button>`,
    },
    { key: "what", label: t("admin.log.what"), render: (r) => r.actionText },
  ];
  return html`<section>
    <h1>${t("admin.log.title")}</h1>
    <div class="filters">
      <${Select}
        name="period"
        label=${t("admin.log.period")}
        value=${period}
        options=${[
          ["7", t("admin.log.last_7")],
          ["30", t("admin.log.last_30")],
          ["all", t("admin.log.all")],
          ["custom", t("admin.log.custom")],
        ]}
        onChange=${again(setPeriod)}
      />
      ${
        custom &&
        html`<label class="field">
            <span>${t("admin.log.from")}</span>
            <input type="date" name="from" value=${from} onChange=${(e) => again(setFrom)(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>${t("admin.log.to")}</span>
            <input type="date" name="to" value=${to} onChange=${(e) => again(setTo)(e.currentTarget.value)} />
          </label>`
      }
      <label class="field">
        <span>${t("admin.log.actor")}</span>
        <input
          name="actor"
          inputmode="numeric"
          value=${actor}
          onChange=${(e) => again(setActor)(e.currentTarget.value.trim())}
        />
      </label>
    </div>
    <${EmployeePicker} api=${api} picked=${employee} onPick=${again(setEmployee)} />
    ${log.error && html`<${Notice} kind="error" text=${errorText(log.error)} />`}
    ${log.loading && !log.data ? html`<${Loading} />` : null}
    ${
      log.data &&
      html`<${Table}
          rowKey=${(r) => r.n}
          columns=${columns}
          rows=${log.data.rows.map((r, n) => ({ ...r, n }))}
        />
        <${Pager} page=${log.data.page} pageSize=${log.data.pageSize} total=${log.data.total} onPage=${setPage} />`
    }
  </section>`;
}

export function AdminScreens({ grant }) {
  const api = roleApi(grant.key);
  const [tab, setTab] = useState("overview");
  return html`<${Tabs} names=${["overview", "log"]} current=${tab} onPick=${setTab} prefix="admin" />
    ${tab === "overview" ? html`<${Overview} api=${api} />` : html`<${AccessLog} api=${api} />`}`;
}
