// The playground's engine and page API, in-process on the suite's database
// (PGlite, or PostgreSQL with TEST_DATABASE_URL): a person's messages, buttons,
// contact and files reach the real bot; reminders reach the right chats when the
// clock moves; whatever Telegram refuses shows in the chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initI18n, translator } from "../bot/i18n/index.js";
import { makeIin } from "../bot/rules/index.js";
import { type Playground, startPlayground } from "../playground/index.js";
import type { ChatView } from "../playground/view.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

const EMPLOYEE = 2002; // due on 19.12.2026
const SEMEY = 1003; // district coordinator who has not sent next year's list
const ABAI = 1004; // district coordinator who has
const NEWCOMER = 2008; // an employee record with a phone, not yet in the bot

let database: TestDatabase;
let playground: Playground;

beforeAll(async () => {
  await initI18n();
  database = await createTestDatabase();
  playground = await startPlayground({
    database,
    start: "2026-09-15",
    port: 0,
    env: { LOG_LEVEL: "silent" },
  });
}, 120_000);
afterAll(async () => {
  await playground?.close();
  await database?.close();
});

async function api<T = Record<string, unknown>>(path: string, body?: unknown, raw?: Buffer) {
  const response = await fetch(new URL(path, playground.url), {
    method: body === undefined && raw === undefined ? "GET" : "POST",
    headers: raw ? undefined : { "content-type": "application/json" },
    body: raw ? new Uint8Array(raw) : body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const chat = async (id: number) => (await api<ChatView>(`/api/chat/${id}`)).body;
const texts = async (id: number) =>
  (await chat(id)).messages.filter((m) => m.fromBot).map((m) => m.html);

/** Presses the inline button with this label on the newest message that has it. */
async function press(id: number, label: string) {
  const { messages } = await chat(id);
  for (const message of [...messages].reverse()) {
    for (const [row, buttons] of message.inline.entries()) {
      const column = buttons.findIndex((b) => b.text === label);
      if (column !== -1) {
        const result = await api(`/api/chat/${id}/press`, { messageId: message.id, row, column });
        expect(result.status).toBe(200);
        return;
      }
    }
  }
  throw new Error(`no button ${label} in chat ${id}`);
}

async function say(id: number, text: string, language: "kk" | "ru" = "ru") {
  await api(`/api/chat/${id}/language`, { language });
  expect((await api(`/api/chat/${id}/text`, { text })).status).toBe(200);
}

describe("the playground", () => {
  it("starts with the demo: coordinators of every role and employees in every state", async () => {
    const { body } = await api<{ people: Array<{ kind: string; state: string }>; nowText: string }>(
      "/api/state",
    );
    expect(body.nowText).toMatch(/^15\.09\.2026 10:0\d$/);
    expect(new Set(body.people.map((p) => p.kind))).toEqual(
      new Set(["admin", "regional", "district", "provider", "employee"]),
    );
    const states = body.people.filter((p) => p.kind === "employee").map((p) => p.state);
    expect(states.length).toBeGreaterThanOrEqual(12);
    for (const state of [
      "never_trained",
      "due",
      "overdue",
      "listed",
      "enrolled",
      "passed",
      "failed",
      "transferred",
    ])
      expect(states).toContain(state);
  });

  it("binds a newcomer who shares their own contact", async () => {
    await say(NEWCOMER, "/start");
    const keyboard = (await chat(NEWCOMER)).replyKeyboard;
    expect(keyboard?.rows.flat().some((b) => b.requestContact)).toBe(true);
    expect((await api(`/api/chat/${NEWCOMER}/contact`, {})).status).toBe(200);
    const view = await chat(NEWCOMER);
    expect(view.messages.some((m) => !m.fromBot && m.contact?.phone === "+77015552008")).toBe(true);
    expect(await texts(NEWCOMER)).toContain(translator("ru")("contact.bound"));
    expect(view.notes).toEqual([]);
  });

  it("imports a spreadsheet the coordinator sends from the page", async () => {
    await say(SEMEY, "/start");
    await press(SEMEY, "👥 Работники");
    await press(SEMEY, "📥 Загрузить из таблицы");
    const iin = makeIin("1996-02-03", "female", 7788) ?? makeIin("1996-02-03", "female", 7789);
    const csv = [
      "ИИН;Фамилия;Имя;Отчество;Должность;Телефон;Дата последнего сертификата",
      `${iin};Жаңабаева;Аида;;маман;+77015550101;`,
    ].join("\n");
    const query = new URLSearchParams({ name: "работники.csv", type: "text/csv" });
    const sent = await api(`/api/chat/${SEMEY}/file?${query}`, undefined, Buffer.from(csv));
    expect(sent.status).toBe(200);
    expect((await texts(SEMEY)).at(-1)).toContain("Загружено: добавлено — 1, обновлено — 0");
    const mine = (await chat(SEMEY)).messages.filter((m) => !m.fromBot).at(-1);
    expect(mine?.document?.name).toBe("работники.csv");
  });

  it("on 1 October reminds the district that has not sent its list, not the one that has", async () => {
    await say(ABAI, "/start");
    const before = (await texts(ABAI)).length;
    const moved = await api<{ nowText: string }>("/api/clock", { to: "first-of-month", month: 10 });
    expect(moved.body.nowText).toMatch(/^01\.10\.2026 09:0\d$/);
    const reminder = translator("ru")("reminders.district_list", {
      year: 2027,
      date: "01.11.2026",
      days: 31,
    });
    expect(await texts(SEMEY)).toContain(reminder);
    expect((await texts(ABAI)).slice(before).join("\n")).not.toContain("2027");
    // The employee's 90-day reminder came on 20 September, on the way.
    expect((await texts(EMPLOYEE)).join("\n")).toContain("2026 жылғы 19 желтоқсан");
  });

  it("never moves the clock back", async () => {
    const refused = await api("/api/clock", { to: "date", date: "2026-01-01" });
    expect(refused.status).toBe(409);
    expect((await api("/api/clock", { to: "date", date: "1.10.2026" })).status).toBe(400);
  });

  it("shows in the chat what Telegram refuses, with Telegram's words", async () => {
    await playground.engine.sim.call("sendMessage", {
      chat_id: EMPLOYEE,
      text: "<b>half",
      parse_mode: "HTML",
    });
    const { notes } = await chat(EMPLOYEE);
    expect(notes.at(-1)?.text).toContain("can't parse entities");
  });

  it("serves a file the bot sent, for download", async () => {
    const message = (await chat(SEMEY)).messages.find((m) => m.document);
    expect(message?.document?.url).toBeDefined();
    const response = await fetch(new URL(message?.document?.url ?? "", playground.url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
  });
});
