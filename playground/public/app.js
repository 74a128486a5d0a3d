// The playground page: pick a person, chat with the bot as them, move the clock.
// Plain browser JavaScript, no build step. The server does the work (see
// playground/server.ts); this draws what it says and posts what the person does.

const TEXTS = {
  kk: {
    playground: "— сынақ алаңы, Telegram-сыз",
    clock: "Уақыт:",
    plus_hour: "+1 сағат",
    plus_day: "+1 күн",
    morning: "Ертең 09:00",
    next_reminder: "⏰ Келесі еске салуға",
    oct1: "1 қазан",
    nov1: "1 қараша",
    dec1: "1 желтоқсан",
    jan1: "1 қаңтар",
    go: "Өту",
    language: "Тіл:",
    send: "Жіберу",
    attach: "Файл жіберу",
    as_file: "файл ретінде",
    start: "Бастау",
    placeholder: "Хабарлама…",
    staff: "Үйлестірушілер",
    employees: "Қызметкерлер",
    bot: "бот",
    shared_contact: "📱 Байланыс: ",
    moving: "Уақыт жылжуда…",
    link_hint:
      "Сілтеме хабарлама өрісіне қойылды: оны ашатын адамды таңдап, «Жіберу» батырмасын басыңыз.",
    no_reminder: "Алдағы 400 күнде еске салу жоқ.",
    language_hint: "Telegram тілі өзгерді; ботта тілді /language ауыстырады.",
    tables: "🗂 Кестелер (Mini App)",
    kind: {
      admin: "уәкілетті органның әкімшісі",
      regional: "облыстық (қалалық) органның үйлестірушісі",
      district: "аудандық органның үйлестірушісі",
      provider: "ұйымның үйлестірушісі",
    },
    state: {
      admin: "барлық ел",
      region: "Абай облысы",
      semey: "Семей қаласы",
      abai: "Абай ауданы",
      provider: "«Балалардың құқықтарын қорғау орталығы»",
      never_trained: "өткені туралы мәлімет жоқ",
      due: "мерзімі биыл",
      due_soon: "мерзіміне бір айдан аз қалды",
      overdue: "мерзімі өткен",
      up_to_date: "мерзімінде",
      enrolled: "оқу легіне жіберілген",
      passed: "тестілеуден өтті, сертификат берілді",
      failed: "қорытынды тестілеуден өтпеді",
      transferred: "басқа лекке ауыстырылды",
      listed: "келесі жылға арналған тізімде",
      not_joined: "ботқа қосылмаған",
      regional_staff: "облыстық (қалалық) органның қызметкері",
    },
  },
  ru: {
    playground: "— песочница без Telegram",
    clock: "Время:",
    plus_hour: "+1 час",
    plus_day: "+1 день",
    morning: "Завтра 09:00",
    next_reminder: "⏰ К следующему напоминанию",
    oct1: "1 октября",
    nov1: "1 ноября",
    dec1: "1 декабря",
    jan1: "1 января",
    go: "Перейти",
    language: "Язык:",
    send: "Отправить",
    attach: "Отправить файл",
    as_file: "как файл",
    start: "Запустить",
    placeholder: "Сообщение…",
    staff: "Координаторы",
    employees: "Работники",
    bot: "бот",
    shared_contact: "📱 Контакт: ",
    moving: "Время идёт…",
    link_hint:
      "Ссылка вставлена в поле сообщения: выберите, кто её откроет, и нажмите «Отправить».",
    no_reminder: "В ближайшие 400 дней напоминаний нет.",
    language_hint: "Язык Telegram изменён; язык бота меняет /language.",
    tables: "🗂 Таблицы (Mini App)",
    kind: {
      admin: "администратор уполномоченного органа",
      regional: "координатор областного (городского) органа",
      district: "координатор районного органа",
      provider: "координатор организации",
    },
    state: {
      admin: "вся страна",
      region: "область Абай",
      semey: "город Семей",
      abai: "Абайский район",
      provider: "«Центр защиты прав детей»",
      never_trained: "нет сведений о прохождении",
      due: "срок в этом году",
      due_soon: "до срока меньше месяца",
      overdue: "срок истёк",
      up_to_date: "в срок",
      enrolled: "направлен в поток обучения",
      passed: "тестирование пройдено, сертификат выдан",
      failed: "итоговое тестирование не пройдено",
      transferred: "перевод в другой поток",
      listed: "в списке на следующий год",
      not_joined: "бот не подключён",
      regional_staff: "работник областного (городского) органа",
    },
  },
};
const COMMANDS = ["/start", "/menu", "/language", "/verify", "/about", "/cancel"];
const POLL_MS = 800;

const $ = (id) => document.getElementById(id);
const state = {
  language: localStorage.getItem("playground.language") || "kk",
  people: [],
  selected: Number(localStorage.getItem("playground.person")) || 0,
  seen: {},
  shownVersion: -1,
  /** null: as the bot left it; true/false: opened or closed with the ⌨ button. */
  keyboardOpen: null,
  bot: "",
  busy: false,
};
const t = (key) => TEXTS[state.language][key] ?? key;

async function api(path, options = {}) {
  const response = await fetch(path, {
    method: options.method ?? "GET",
    headers: options.json ? { "content-type": "application/json" } : undefined,
    body: options.json ? JSON.stringify(options.json) : options.body,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    box.hidden = true;
  }, 5000);
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function translateChrome() {
  document.documentElement.lang = state.language;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-t-title]"))
    node.title = t(node.dataset.tTitle);
  $("text").placeholder = t("placeholder");
  $("start-button").textContent = t("start");
  $("language").value = state.language;
}

function personLabel(person) {
  const texts = TEXTS[state.language];
  const what = person.kind === "employee" ? "" : `${texts.kind[person.kind]}, `;
  return `${what}${texts.state[person.state] ?? person.state}`;
}

function renderPeople() {
  const list = $("people");
  list.replaceChildren();
  const groups = [
    [t("staff"), state.people.filter((p) => p.kind !== "employee")],
    [t("employees"), state.people.filter((p) => p.kind === "employee")],
  ];
  for (const [title, people] of groups) {
    list.append(element("h3", { text: title }));
    for (const person of people) {
      const unread = person.version > (state.seen[person.telegramId] ?? 0);
      const button = element(
        "button",
        {
          class: `person${person.telegramId === state.selected ? " selected" : ""}`,
          "data-testid": `person-${person.telegramId}`,
          "data-kind": person.kind,
          "data-state": person.state,
          onclick: () => select(person.telegramId),
        },
        [
          element("div", {
            class: `avatar k-${person.kind}`,
            text: person.firstName[0] + person.lastName[0],
          }),
          element("div", { class: "who" }, [
            element("div", { class: "name", text: `${person.lastName} ${person.firstName}` }),
            element("div", { class: "muted small", text: personLabel(person) }),
          ]),
          unread && person.telegramId !== state.selected
            ? element("span", { class: "badge", "data-testid": "unread", text: "●" })
            : null,
        ],
      );
      list.append(button);
    }
  }
}

function selectedPerson() {
  return state.people.find((p) => p.telegramId === state.selected);
}

async function select(telegramId) {
  closeTables();
  state.selected = telegramId;
  state.keyboardOpen = null;
  localStorage.setItem("playground.person", String(telegramId));
  state.shownVersion = -1;
  await api(`/api/chat/${telegramId}/language`, {
    method: "POST",
    json: { language: state.language },
  });
  renderPeople();
  await refreshChat();
}

const almatyTime = new Intl.DateTimeFormat("ru-RU", {
  timeZone: "Asia/Almaty",
  hour: "2-digit",
  minute: "2-digit",
});
const almatyDay = new Intl.DateTimeFormat("ru-RU", {
  timeZone: "Asia/Almaty",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

function fileBubble(document) {
  const extension = (document.name.split(".").pop() || "").toUpperCase().slice(0, 4);
  return element(
    "a",
    { class: "file", href: document.url, download: document.name, "data-testid": "document" },
    [
      element("div", { class: "icon", text: extension }),
      element("div", {}, [
        element("div", { class: "fname", text: document.name }),
        element("div", {
          class: "muted small",
          text: `${Math.max(1, Math.round(document.size / 1024))} KB`,
        }),
      ]),
    ],
  );
}

function inlineKeyboard(message) {
  const rows = message.inline.filter((row) => row.length > 0);
  if (rows.length === 0) return null;
  const box = element("div", { class: "inline" });
  message.inline.forEach((row, rowIndex) => {
    if (row.length === 0) return;
    const line = element("div", { class: "irow" });
    row.forEach((button, column) => {
      line.append(
        element("button", {
          type: "button",
          text: button.text,
          "data-testid": "inline-button",
          onclick: () => pressInline(message.id, rowIndex, column, button),
        }),
      );
    });
    box.append(line);
  });
  return box;
}

function messageNode(message) {
  const bubble = element("div", {
    class: "bubble",
    "data-testid": message.fromBot ? "bot-message" : "my-message",
  });
  if (message.photo)
    bubble.append(
      element("a", { class: "photo", href: message.photo.url, target: "_blank" }, [
        element("img", { src: `${message.photo.url}?inline`, alt: "" }),
      ]),
    );
  if (message.document) bubble.append(fileBubble(message.document));
  if (message.contact)
    bubble.append(element("div", { text: t("shared_contact") + message.contact.phone }));
  if (message.html) bubble.append(element("div", { class: "text", html: message.html }));
  bubble.append(
    element("span", {
      class: "meta",
      text: `${message.edited ? "✎ " : ""}${almatyTime.format(new Date(message.date * 1000))}`,
    }),
  );
  // As in Telegram, the inline keyboard hangs under its message, as wide as the bubble.
  const keyboard = message.fromBot ? inlineKeyboard(message) : null;
  const stack = element("div", { class: "stack" }, [bubble, keyboard]);
  return [element("div", { class: `row${message.fromBot ? "" : " me"}` }, [stack])];
}

function renderChat(chat) {
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  box.replaceChildren();
  let day = "";
  const notesAfter = (id) => chat.notes.filter((n) => n.afterMessageId === id);
  for (const note of notesAfter(0))
    box.append(element("div", { class: "note", "data-testid": "note", text: note.text }));
  for (const message of chat.messages) {
    const thisDay = almatyDay.format(new Date(message.date * 1000));
    if (thisDay !== day) {
      day = thisDay;
      box.append(element("div", { class: "day" }, [element("span", { text: day })]));
    }
    box.append(...messageNode(message));
    for (const note of notesAfter(message.id))
      box.append(element("div", { class: "note", "data-testid": "note", text: note.text }));
  }
  renderReplyKeyboard(chat.replyKeyboard);
  const empty = chat.messages.length === 0;
  $("start-button").hidden = !empty;
  $("composer").hidden = empty;
  if (atBottom || state.shownVersion === -1) box.scrollTop = box.scrollHeight;
}

function renderReplyKeyboard(keyboard) {
  const box = $("reply-keyboard");
  box.replaceChildren();
  $("keyboard-toggle").hidden = !keyboard;
  if (!keyboard) return;
  const hidden = state.keyboardOpen === null ? keyboard.hidden : !state.keyboardOpen;
  if (hidden) return;
  for (const row of keyboard.rows) {
    const line = element("div", { class: "krow" });
    for (const button of row) {
      line.append(
        element("button", {
          type: "button",
          text: button.text,
          "data-testid": "reply-button",
          onclick: () => {
            state.keyboardOpen = null;
            return button.requestContact ? act("contact") : act("text", { text: button.text });
          },
        }),
      );
    }
    box.append(line);
  }
}

async function refreshChat() {
  const person = selectedPerson();
  if (!person) return;
  $("chat-title").textContent = `${person.lastName} ${person.firstName}`;
  $("chat-subtitle").textContent = `${personLabel(person)} · @${state.bot} (${t("bot")})`;
  const chat = await api(`/api/chat/${person.telegramId}`);
  if (person.telegramId !== state.selected) return;
  renderChat(chat);
  $("messages").dataset.person = String(person.telegramId);
  state.shownVersion = chat.version;
  state.seen[person.telegramId] = chat.version;
}

async function poll() {
  try {
    const current = await api("/api/state");
    state.people = current.people;
    state.bot = current.bot;
    $("clock").textContent = current.nowText;
    const person = selectedPerson();
    if (person && person.version !== state.shownVersion) await refreshChat();
    renderPeople();
  } catch (error) {
    toast(error.message);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

async function act(action, json, body, query = "") {
  if (state.busy) return;
  state.busy = true;
  document.querySelector(".chat").classList.add("busy");
  try {
    await api(`/api/chat/${state.selected}/${action}${query}`, { method: "POST", json, body });
    await refreshChat();
  } catch (error) {
    toast(error.message);
  } finally {
    state.busy = false;
    document.querySelector(".chat").classList.remove("busy");
  }
}

/** A t.me link to this bot with ?start=… opens the bot with /start …, as in Telegram. */
function startPayload(url) {
  const match = /^https:\/\/t\.me\/([\w]+)\?start=([\w-]+)$/.exec(url || "");
  return match && match[1] === state.bot ? match[2] : null;
}

function openLink(url) {
  const payload = startPayload(url);
  if (payload === null) {
    window.open(url, "_blank", "noopener");
    return;
  }
  $("text").value = `/start ${payload}`;
  toast(t("link_hint"));
}

function pressInline(messageId, row, column, button) {
  if (button.kind === "url") return openLink(button.url);
  if (button.kind === "webapp") return openTables(button.grant);
  if (button.kind === "callback") return act("press", { messageId, row, column });
}

async function moveClock(button) {
  const controls = $("clock-controls");
  const body = { to: button.dataset.move };
  if (button.dataset.month) body.month = Number(button.dataset.month);
  if (body.to === "date") body.date = $("clock-date").value;
  if (body.to === "next-reminder" && state.selected) body.person = state.selected;
  controls.classList.add("busy");
  toast(t("moving"));
  try {
    const current = await api("/api/clock", { method: "POST", json: body });
    $("clock").textContent = current.nowText;
    $("toast").hidden = true;
    await refreshChat();
  } catch (error) {
    toast(error.message.includes("400 days") ? t("no_reminder") : error.message);
  } finally {
    controls.classList.remove("busy");
  }
}

function sendFile(file) {
  const image = /^image\/(jpeg|png|webp)$/.test(file.type) && !$("as-file").checked;
  const caption = $("text").value.trim();
  $("text").value = "";
  const query = new URLSearchParams({
    name: file.name,
    type: file.type || "application/octet-stream",
  });
  if (image) query.set("as", "photo");
  if (caption) query.set("caption", caption);
  return act("file", undefined, file, `?${query}`);
}

function wire() {
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    act("text", { text });
  });
  $("start-button").addEventListener("click", () => act("text", { text: "/start" }));
  $("keyboard-toggle").addEventListener("click", () => {
    const open = $("reply-keyboard").childElementCount > 0;
    state.keyboardOpen = !open;
    refreshChat();
  });
  $("file").addEventListener("change", (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (file) sendFile(file);
  });
  $("commands-button").addEventListener("click", () => {
    $("commands").hidden = !$("commands").hidden;
  });
  for (const command of COMMANDS) {
    $("commands").append(
      element("button", {
        type: "button",
        text: command,
        onclick: () => {
          $("commands").hidden = true;
          act("text", { text: command });
        },
      }),
    );
  }
  for (const button of document.querySelectorAll("[data-move]"))
    button.addEventListener("click", () => moveClock(button));
  $("language").addEventListener("change", async () => {
    state.language = $("language").value;
    localStorage.setItem("playground.language", state.language);
    translateChrome();
    renderPeople();
    if (state.selected) {
      await api(`/api/chat/${state.selected}/language`, {
        method: "POST",
        json: { language: state.language },
      });
      toast(t("language_hint"));
      await refreshChat();
    }
  });
  $("messages").addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || link.classList.contains("file") || link.classList.contains("photo")) return;
    event.preventDefault();
    openLink(link.getAttribute("href"));
  });
}

async function boot() {
  translateChrome();
  wire();
  const current = await api("/api/state");
  state.people = current.people;
  state.bot = current.bot;
  if (!state.people.some((p) => p.telegramId === state.selected)) {
    state.selected =
      state.people.find((p) => p.kind === "employee")?.telegramId ?? state.people[0].telegramId;
  }
  await select(state.selected);
  poll();
}

boot();

// The coordinators' tables (the bot's Mini App) in a panel beside the chat, as Telegram
// opens them from a web_app button: the page gets init data signed for the person, and
// this page plays Telegram's part of the protocol — it draws the main and back buttons
// the app asks for and tells the app when they are pressed.
const PANEL_THEME = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#707579",
  link_color: "#3390ec",
  button_color: "#3390ec",
  button_text_color: "#ffffff",
  secondary_bg_color: "#f4f4f5",
};

async function openTables(grant) {
  try {
    const { initData } = await api(`/api/chat/${state.selected}/webapp`);
    const launch = new URLSearchParams({
      tgWebAppData: initData,
      tgWebAppVersion: "8.0",
      tgWebAppPlatform: "playground",
      tgWebAppThemeParams: JSON.stringify(PANEL_THEME),
    });
    $("panel-main").hidden = true;
    $("panel-back").hidden = true;
    $("tables-frame").src = `/app/?grant=${encodeURIComponent(grant)}#${launch}`;
    $("tables-panel").hidden = false;
  } catch (error) {
    toast(error.message);
  }
}

function closeTables() {
  $("tables-panel").hidden = true;
  $("tables-frame").src = "about:blank";
}

function tellTables(eventType) {
  $("tables-frame").contentWindow?.postMessage(
    JSON.stringify({ eventType, eventData: {} }),
    location.origin,
  );
}

window.addEventListener("message", (event) => {
  if (event.source !== $("tables-frame").contentWindow) return;
  let message;
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  const data = message.eventData ?? {};
  if (message.eventType === "web_app_setup_main_button") {
    const main = $("panel-main");
    main.hidden = !data.is_visible;
    main.textContent = data.is_progress_visible ? "…" : data.text;
    main.disabled = data.is_active === false;
  } else if (message.eventType === "web_app_setup_back_button") {
    $("panel-back").hidden = !data.is_visible;
  } else if (message.eventType === "web_app_close") {
    closeTables();
  }
});

$("panel-main").addEventListener("click", () => tellTables("main_button_pressed"));
$("panel-back").addEventListener("click", () => tellTables("back_button_pressed"));
$("panel-close").addEventListener("click", closeTables);
