import { t } from "../i18n.js";
import { html } from "../ui.js";

export function ProviderScreens() {
  return html`<p class="empty">${t("common.nothing")}</p>`;
}
