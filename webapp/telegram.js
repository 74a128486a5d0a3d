// The page's side of Telegram's Mini App protocol, written out so that nothing has
// to be loaded from outside the bot's own server: the launch parameters Telegram puts
// in the address (init data, theme, platform), the events the page sends (ready,
// expand, the main and back buttons, a file download) and the ones it receives
// (button presses, theme changes). See Telegram's "Mini Apps: methods and events".

const STORE_KEY = "tgLaunch";

function readLaunchParams() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has("tgWebAppData")) {
    const params = {
      initData: hash.get("tgWebAppData") ?? "",
      platform: hash.get("tgWebAppPlatform") ?? "unknown",
      version: hash.get("tgWebAppVersion") ?? "6.0",
      theme: JSON.parse(hash.get("tgWebAppThemeParams") ?? "{}"),
    };
    // A reload loses the hash: keep the launch for this tab.
    sessionStorage.setItem(STORE_KEY, JSON.stringify(params));
    return params;
  }
  const kept = sessionStorage.getItem(STORE_KEY);
  return kept ? JSON.parse(kept) : null;
}

export const launch = readLaunchParams();

/** Sends one of the protocol's events to whatever hosts the page. */
export function postEvent(eventType, eventData = {}) {
  const data = JSON.stringify(eventData);
  if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(eventType, data);
  else if (window.parent !== window)
    window.parent.postMessage(JSON.stringify({ eventType, eventData }), "*");
}

const listeners = new Map();

function receiveEvent(eventType, eventData) {
  for (const listener of listeners.get(eventType) ?? []) listener(eventData);
}

/** Listens to an event from the host; returns the way to stop listening. */
export function onEvent(eventType, listener) {
  if (!listeners.has(eventType)) listeners.set(eventType, new Set());
  listeners.get(eventType).add(listener);
  return () => listeners.get(eventType).delete(listener);
}

// Mobile clients call these globals; the web client and the playground post messages.
window.Telegram = { ...window.Telegram, WebView: { receiveEvent } };
window.TelegramGameProxy = { receiveEvent };
window.addEventListener("message", (event) => {
  try {
    const { eventType, eventData } = JSON.parse(event.data);
    if (typeof eventType === "string") receiveEvent(eventType, eventData);
  } catch {
    // Not a protocol message.
  }
});

/** Telegram's theme colours as CSS variables (--tg-theme-bg-color…). */
export function applyTheme(theme) {
  for (const [key, value] of Object.entries(theme ?? {})) {
    if (typeof value === "string" && /^#[0-9a-f]{3,8}$/i.test(value))
      document.documentElement.style.setProperty(`--tg-theme-${key.replaceAll("_", "-")}`, value);
  }
}

/** Whether a host draws the main and back buttons (Telegram, or the playground's panel). */
export const hostDrawsButtons = Boolean(
  launch && (window.TelegramWebviewProxy || window.parent !== window),
);

export function setMainButton({ text, visible, active = true, progress = false }) {
  postEvent("web_app_setup_main_button", {
    is_visible: Boolean(visible && text),
    is_active: active,
    is_progress_visible: progress,
    text: text ?? "",
  });
}

export function setBackButton(visible) {
  postEvent("web_app_setup_back_button", { is_visible: visible });
}

function versionAtLeast(wanted) {
  const [a = 0, b = 0] = String(launch?.version ?? "0")
    .split(".")
    .map(Number);
  const [x = 0, y = 0] = wanted.split(".").map(Number);
  return a > x || (a === x && b >= y);
}

/** A file by its (short-lived) address: Telegram's own download where it has one. */
export function downloadFile(url, fileName) {
  const absolute = new URL(url, location.href).toString();
  if (window.TelegramWebviewProxy && versionAtLeast("8.0")) {
    postEvent("web_app_request_file_download", { url: absolute, file_name: fileName });
    return;
  }
  const link = document.createElement("a");
  link.href = absolute;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

export function ready() {
  applyTheme(launch?.theme);
  onEvent("theme_changed", (data) => applyTheme(data?.theme_params));
  postEvent("web_app_ready");
  postEvent("web_app_expand");
}
