// The coordinators' tables: who is asking (from the bot's server), which of their
// roles the page is opened on (`?grant=d12` from the menu's button, else a choice),
// and that role's screens.
import { render } from "preact";
import { useState } from "preact/hooks";
import { getMe } from "./api.js";
import { setTexts, t } from "./i18n.js";
import { AdminScreens } from "./screens/admin.js";
import { DistrictScreens } from "./screens/district.js";
import { ProviderScreens } from "./screens/provider.js";
import { RegionScreens } from "./screens/region.js";
import { launch, ready } from "./telegram.js";
import { errorText, html, Loading, Notice, PageButtons, useLoad } from "./ui.js";

const SCREENS = {
  district_coordinator: DistrictScreens,
  regional_coordinator: RegionScreens,
  provider_coordinator: ProviderScreens,
  admin: AdminScreens,
};

function RolePicker({ grants, onPick }) {
  return html`<section>
    <h1>${t("common.pick_role")}</h1>
    <ul class="roles">
      ${grants.map(
        (g) => html`<li key=${g.key}>
          <button onClick=${() => onPick(g.key)}>${t(`roles.${g.role}`)}${g.scope ? `: ${g.scope}` : ""}</button>
        </li>`,
      )}
    </ul>
  </section>`;
}

function App() {
  const me = useLoad(async () => {
    const data = await getMe();
    setTexts(data.language, data.texts);
    return data;
  }, []);
  const wanted = new URLSearchParams(location.search).get("grant");
  const [grantKey, setGrantKey] = useState(wanted);
  if (me.loading) return html`<${Loading} />`;
  if (me.error) return html`<${Notice} kind="error" text=${errorText(me.error)} />`;
  const { grants } = me.data;
  if (!grants.length) return html`<${Notice} text=${t("common.no_roles")} />`;
  const grant = grants.find((g) => g.key === grantKey) ?? (grants.length === 1 ? grants[0] : null);
  if (!grant) return html`<${RolePicker} grants=${grants} onPick=${setGrantKey} />`;
  const Screens = SCREENS[grant.role];
  return html`<${PageButtons} position="top" />
    <header class="role">${t(`roles.${grant.role}`)}${grant.scope ? `: ${grant.scope}` : ""}</header>
    <${Screens} grant=${grant} />
    <${PageButtons} position="bottom" />`;
}

ready();
const root = document.getElementById("app");
if (!launch) {
  // Opened outside Telegram: there is no one to trust, so nothing is asked of the server.
  root.innerHTML =
    "<p class='notice info'>Бот мәзіріндегі «🗂 Кестелерді ашу» батырмасымен ашыңыз.<br>Откройте кнопкой «🗂 Открыть таблицы» в меню бота.</p>";
} else {
  render(html`<${App} />`, root);
}
