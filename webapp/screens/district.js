// The district coordinator's tables: the unit's register of employees.
import { useState } from "preact/hooks";
import { queryOf, roleApi } from "../api.js";
import { t } from "../i18n.js";
import { errorText, html, Loading, Notice, Pager, SearchBox, Table, useLoad } from "../ui.js";

function Register({ api }) {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const list = useLoad(() => api.get(`employees${queryOf({ search, page })}`), [search, page]);
  const columns = [
    {
      key: "name",
      label: t("district.register.name"),
      render: (e) => `${e.lastName} ${e.firstName} ${e.patronymic ?? ""}`,
    },
    { key: "iin", label: t("district.register.iin"), className: "mono" },
    { key: "position", label: t("district.register.position") },
    {
      key: "consent",
      label: t("district.register.consent"),
      render: (e) => t(`district.consent.${e.joined ? e.consent : "not_joined"}`),
    },
  ];
  return html`<section>
    <h1>${t("district.register.title")}</h1>
    <${SearchBox} value=${search} onSearch=${(text) => {
      setSearch(text);
      setPage(0);
    }} placeholder=${t("district.register.search")} />
    ${list.error && html`<${Notice} kind="error" text=${errorText(list.error)} />`}
    ${list.loading && !list.data ? html`<${Loading} />` : null}
    ${
      list.data &&
      html`<${Table} columns=${columns} rows=${list.data.rows} />
      <${Pager} page=${page} pageSize=${list.data.pageSize} total=${list.data.total} onPage=${setPage} />`
    }
  </section>`;
}

export function DistrictScreens({ grant }) {
  const api = roleApi(grant.key);
  return html`<${Register} api=${api} />`;
}
