// The pieces every table screen is made of: a table, a pager, filters, a notice,
// and the main and back buttons (Telegram's own when a host draws them, otherwise
// drawn at the page's edges so the page works in a plain browser too).

import htm from "htm";
import { h } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { t } from "./i18n.js";
import { hostDrawsButtons, onEvent, setBackButton, setMainButton } from "./telegram.js";

export const html = htm.bind(h);

/** Loads with `load()` whenever `deps` change; `reload()` loads again. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => current && setState({ loading: false, data, error: null }),
      (error) => current && setState({ loading: false, data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

// The in-page buttons, for a browser with no Telegram around the page.
const pageButtons = { main: null, back: null, listeners: new Set() };
const pageButtonsChanged = () => {
  for (const listener of pageButtons.listeners) listener();
};

/** The screen's main action (e.g. "Save results"), shown while the screen is. */
export function useMainButton(
  text,
  onClick,
  { visible = true, active = true, progress = false } = {},
) {
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    if (!hostDrawsButtons) {
      pageButtons.main =
        visible && text ? { text, active, progress, onClick: () => clickRef.current() } : null;
      pageButtonsChanged();
      return () => {
        pageButtons.main = null;
        pageButtonsChanged();
      };
    }
    setMainButton({ text, visible, active: active && !progress, progress });
    const stop = onEvent("main_button_pressed", () => clickRef.current());
    return () => {
      stop();
      setMainButton({ text: "", visible: false });
    };
  }, [text, visible, active, progress]);
}

/** The way back from a card or a step: Telegram's back button, or a link at the top. */
export function useBackButton(onBack) {
  const backRef = useRef(onBack);
  backRef.current = onBack;
  const shown = Boolean(onBack);
  useEffect(() => {
    if (!shown) return undefined;
    if (!hostDrawsButtons) {
      pageButtons.back = () => backRef.current?.();
      pageButtonsChanged();
      return () => {
        pageButtons.back = null;
        pageButtonsChanged();
      };
    }
    setBackButton(true);
    const stop = onEvent("back_button_pressed", () => backRef.current?.());
    return () => {
      stop();
      setBackButton(false);
    };
  }, [shown]);
}

/** Draws the page's own main and back buttons when no host does. */
export function PageButtons({ position }) {
  const [, setTick] = useState(0);
  const changed = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    pageButtons.listeners.add(changed);
    return () => pageButtons.listeners.delete(changed);
  }, []);
  if (position === "top") {
    return pageButtons.back
      ? html`<button class="back" onClick=${pageButtons.back}>← ${t("common.back")}</button>`
      : null;
  }
  const main = pageButtons.main;
  return main
    ? html`<div class="main-button-bar">
        <button class="main-button" disabled=${!main.active || main.progress} onClick=${main.onClick}>
          ${main.progress ? "…" : main.text}
        </button>
      </div>`
    : null;
}

/**
 * A table: `columns` are { key, label, render?(row), className? }; a row is pressed
 * when `onRow` is given. Wide tables scroll sideways inside their frame.
 */
export function Table({ columns, rows, onRow, rowKey = (row) => row.id, empty }) {
  if (!rows.length) return html`<p class="empty">${empty ?? t("common.nothing")}</p>`;
  return html`<div class="table-frame">
    <table>
      <thead>
        <tr>${columns.map((c) => html`<th class=${c.className ?? ""}>${c.label}</th>`)}</tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr
            key=${rowKey(row)}
            class=${onRow ? "pressable" : ""}
            onClick=${onRow ? () => onRow(row) : undefined}
          >
            ${columns.map((c) => html`<td class=${c.className ?? ""}>${c.render ? c.render(row) : row[c.key]}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function Pager({ page, pageSize, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html`<p class="count">${t("common.total", { total })}</p>`;
  return html`<div class="pager">
    <button disabled=${page <= 0} onClick=${() => onPage(page - 1)} aria-label=${t("common.previous")}>‹</button>
    <span>${t("common.page", { page: page + 1, pages, total })}</span>
    <button disabled=${page >= pages - 1} onClick=${() => onPage(page + 1)} aria-label=${t("common.next")}>›</button>
  </div>`;
}

/** The role's screens as tabs across the top; they wrap onto a second line at phone width. */
export function Tabs({ names, current, onPick, prefix }) {
  return html`<nav class="tabs wrap" role="tablist">
    ${names.map(
      (name) => html`<button
        role="tab"
        aria-selected=${current === name ? "true" : "false"}
        onClick=${() => onPick(name)}
      >${t(`${prefix}.tabs.${name}`)}</button>`,
    )}
  </nav>`;
}

/** A labelled choice; `options` are [value, label] pairs. */
export function Select({ label, value, options, onChange, name }) {
  return html`<label class="field">
    <span>${label}</span>
    <select name=${name} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${options.map(([v, text]) => html`<option value=${v}>${text}</option>`)}
    </select>
  </label>`;
}

/** A search box that waits for a pause in typing before it searches. */
export function SearchBox({ value, onSearch, placeholder }) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => {
    const timer = setTimeout(() => text !== value && onSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  return html`<input
    class="search"
    type="search"
    name="search"
    placeholder=${placeholder ?? t("common.search")}
    value=${text}
    onInput=${(e) => setText(e.currentTarget.value)}
  />`;
}

/** A message in the page: kind "error", "done" or "info". */
export function Notice({ kind = "info", text }) {
  if (!text) return null;
  return html`<p class=${`notice ${kind}`} role=${kind === "error" ? "alert" : "status"}>${text}</p>`;
}

/** The text of a failed request: the server's own (a rule, "already done by…") or a general one. */
export function errorText(error) {
  if (!error) return "";
  if (error.status === 409 || error.status === 400) return error.message || t("errors.refused");
  if (error.status === 401) return t("errors.expired");
  if (error.status === 403) return t("errors.forbidden");
  if (error.status === 404) return t("errors.not_found");
  return t("errors.unexpected");
}

export function Loading() {
  return html`<p class="loading">${t("common.loading")}</p>`;
}
