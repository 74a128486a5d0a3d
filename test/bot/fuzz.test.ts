// Random updates from people of every role, through the strict simulator: texts of
// every kind and length, commands with odd arguments, button presses real and forged,
// documents of wrong types and sizes, photos, contacts, edited messages, the bot
// blocked and unblocked, the bot added to groups and channels and commanded there,
// update kinds the bot never asked for. After each update:
// nothing the simulator refuses (it throws), no error logged, every new message
// answered in the person's language, and nothing shown of records outside the
// sender's scope; and nobody with a role is left by a message without a button or
// the menu to go on with (see noWayOn). FUZZ_SEED and FUZZ_UPDATES set the run
// (defaults: a fixed seed and 2,000 updates, the share CI runs; `FUZZ_UPDATES=10000`
// for the full run).
import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import { routes } from "../../bot/routes/index.js";
import type { ApiCall, SimMessage, SimUser } from "../simulator/index.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { photoJpeg, truncatedRgbaPng } from "../support/images.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const COUNT = Number(process.env.FUZZ_UPDATES ?? 2_000);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Records nobody in the run has in scope: their names, IIN and phone must never show.
const SECRET = { lastName: "Құпиясова", firstName: "Жасырын", phone: "77019998877" };
let secretIin = "";

interface Person {
  user: SimUser;
  role: string;
}

let app: TestBot;
const people: Person[] = [];
const logLines: string[] = [];
let jpeg: Buffer;
const tooLarge = Buffer.alloc(11 * 1024 * 1024, 0x41);

beforeAll(async () => {
  app = await startTestBot({ admins: [9001], canJoinGroups: true });
  const db = app.deps.db;
  const district = await unitId(db, KATO.abaiDistrict);
  const region = await unitId(db, KATO.abaiRegion);
  const providerId = await createProvider(db, "ФЗТ");
  const cohortId = await createCohort(db, {
    providerId,
    startsOn: "2026-12-07",
    endsOn: "2026-12-18",
  });
  const employeeId = await createEmployee(db, { unitId: district, telegramId: 9005 });
  await enrol(db, employeeId, cohortId);
  await issueCertificate(db, {
    employeeId,
    providerId,
    issuedOn: "2024-12-01",
    number: "ФЗТ-2024-000001",
  });
  await createEmployee(db, { unitId: district, lastName: "Сейітова", firstName: "Әлия" });
  // The secret employee works in Astana: another region than anyone's scope here.
  const secretId = await createEmployee(db, {
    unitId: await unitId(db, KATO.astana),
    ...SECRET,
  });
  secretIin = (
    await db
      .selectFrom("employees")
      .select("iin")
      .where("id", "=", secretId)
      .executeTakeFirstOrThrow()
  ).iin;
  await grantRole(db, 9002, "district_coordinator", { unitId: district });
  await grantRole(db, 9003, "regional_coordinator", { unitId: region });
  await grantRole(db, 9004, "provider_coordinator", { providerId });
  const roles: Array<[number, string, string]> = [
    [9001, "admin", "ru"],
    [9002, "district", "kk"],
    [9003, "regional", "ru"],
    [9004, "provider", "kk"],
    [9005, "employee", "ru"],
    [9006, "stranger", "kk"],
    [9007, "stranger-no-language", "en"],
  ];
  for (const [id, role, language] of roles) {
    const user = app.sim.user({ id, language_code: language });
    people.push({ user, role });
    await user.send("/start");
  }
  app.deps.logger = createLogger(
    "error",
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  jpeg = await photoJpeg();
}, 120_000);
afterAll(() => app.database.close());

const ALPHABET =
  "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВҚӨҰ0123456789 .,-+/:;!?@#$%&*()[]{}<>\"'`~_=\\|";
const ODD = [
  "\u202E",
  "\u200B",
  "\uFEFF",
  "\u0000",
  "\u0007",
  "\n",
  "\t",
  "😀",
  "👨‍👩‍👧",
  "\uD800",
  "𝔸",
];

function makeText(next: () => number): string {
  const pick = next();
  if (pick < 0.1) return "";
  if (pick < 0.2) return " ".repeat(1 + Math.floor(next() * 5));
  if (pick < 0.3) return String(Math.floor(next() * 1e12)).padStart(12, "0");
  if (pick < 0.35) return secretIin.slice(0, 4 + Math.floor(next() * 8));
  if (pick < 0.4) return SECRET.lastName.slice(0, 2 + Math.floor(next() * 6));
  if (pick < 0.45) return `<b>${"&<>".repeat(5)}</b>`;
  const length = pick < 0.9 ? 1 + Math.floor(next() * 40) : 1 + Math.floor(next() * 4096);
  let text = "";
  while (text.length < length) {
    text +=
      next() < 0.05
        ? (ODD[Math.floor(next() * ODD.length)] ?? "")
        : (ALPHABET[Math.floor(next() * ALPHABET.length)] ?? "");
  }
  return text.slice(0, 4096);
}

const COMMANDS = [
  "start",
  "menu",
  "language",
  "verify",
  "about",
  "cancel",
  "help",
  "settings",
  "x",
];

function makeCommand(next: () => number): string {
  const name = COMMANDS[Math.floor(next() * COMMANDS.length)] ?? "start";
  const argument = [
    "",
    "i-",
    `i-${makeText(next).slice(0, 30)}`,
    "v-",
    `v-${makeText(next).slice(0, 20)}`,
    "ФЗТ-2024-000001",
    `ФЗТ-2024-000001 ${secretIin}`,
    makeText(next),
  ][Math.floor(next() * 8)];
  return `/${name}${argument ? ` ${argument}` : ""}`.slice(0, 4096);
}

/** Real callback data seen in the chat, mutated, or made up. */
function makeCallbackData(next: () => number, seen: string[]): string {
  const real = seen[Math.floor(next() * seen.length)] ?? "m";
  const pick = next();
  if (pick < 0.4) return real;
  if (pick < 0.8) return real.replace(/\d+/g, () => String(Math.floor(next() * 100_000)));
  let data = "";
  const length = 1 + Math.floor(next() * 64);
  while (Buffer.byteLength(data) < length) data += ALPHABET[Math.floor(next() * 40)] ?? "x";
  while (Buffer.byteLength(data) > 64) data = data.slice(0, -1);
  return data;
}

function callbackDataSeen(user: SimUser): Array<{ data: string; messageId: number }> {
  return user.messages.slice(-6).flatMap((m) => {
    const markup = m.reply_markup;
    if (!markup || !("inline_keyboard" in markup)) return [];
    return markup.inline_keyboard
      .flat()
      .flatMap((b) =>
        "callback_data" in b ? [{ data: b.callback_data, messageId: m.message_id }] : [],
      );
  });
}

/** Whether a conversation waits for this person's answer (its state is kept by chat). */
async function inConversation(chatId: number): Promise<boolean> {
  const row = await app.deps.db
    .selectFrom("bot_state")
    .select("value")
    .where("key", "=", `conversation:${chatId}`)
    .executeTakeFirst();
  if (!row) return false;
  const value = (typeof row.value === "string" ? JSON.parse(row.value) : row.value) as {
    state?: Record<string, unknown[]>;
  };
  return Object.values(value?.state ?? {}).some((v) => Array.isArray(v) && v.length > 0);
}

type Markup = SimMessage["reply_markup"];

function buttonsOf(markup: Markup | string | undefined): unknown[] {
  const parsed = (typeof markup === "string" ? JSON.parse(markup) : markup) as Markup;
  if (!parsed) return [];
  if ("inline_keyboard" in parsed) return parsed.inline_keyboard.flat();
  if ("keyboard" in parsed) return parsed.keyboard.flat();
  return [];
}

const SENT_OR_EDITED = ["sendMessage", "editMessageText", "editMessageReplyMarkup"];

/**
 * Whether a person with a role was left without a way on by what the bot did in
 * their chat during one update: the last message it sent or changed there (files
 * aside: a PDF or a chart comes under the screen that offered it, whose buttons
 * stay) must carry buttons (a back button, the menu) or a keyboard — unless a
 * conversation waits for their answer and its question, the newest message with
 * buttons, offers Cancel. Returns the text of the message that leaves them stuck.
 */
async function noWayOn(user: SimUser, calls: readonly ApiCall[]): Promise<string | null> {
  const last = calls.findLast(
    (c) => !c.error && Number(c.params.chat_id) === user.id && SENT_OR_EDITED.includes(c.method),
  );
  if (!last || buttonsOf(last.params.reply_markup as Markup).length > 0) return null;
  if (await inConversation(user.id)) {
    const question = user.messages.findLast((m) => buttonsOf(m.reply_markup).length > 0);
    const cancel = routes.cancel.pack({});
    const isCancel = (b: unknown) =>
      typeof b === "object" && b !== null && "callback_data" in b && b.callback_data === cancel;
    if (question && buttonsOf(question.reply_markup).some(isCancel)) return null;
  }
  const text = last.params.text ?? user.messages.at(-1)?.text ?? "";
  return String(text).slice(0, 200);
}

async function languageOf(id: number): Promise<string | null> {
  const row = await app.deps.db
    .selectFrom("telegram_users")
    .select("language")
    .where("telegram_id", "=", id)
    .executeTakeFirst();
  return row?.language ?? null;
}

// Words that only one of the two languages' texts use: a reply in the wrong language
// shows one of the other's.
const ONLY_RU = ["Отправьте", "Выберите", "Нажмите", "Главное меню", "Извините", "Не понял"];
const ONLY_KK = ["жіберіңіз", "таңдаңыз", "басыңыз", "Басты мәзір", "Кешіріңіз", "Түсінбедім"];

async function sendOne(
  person: Person,
  next: () => number,
  step: number,
): Promise<"message" | "other"> {
  const { user } = person;
  const kind = next();
  if (kind < 0.3) {
    await user.send(makeText(next) || ".");
    return "message";
  }
  if (kind < 0.45) {
    await user.send(makeCommand(next));
    return "message";
  }
  if (kind < 0.7) {
    const seen = callbackDataSeen(user);
    const target = seen[Math.floor(next() * seen.length)];
    const last = user.messages.at(-1);
    if (!target && !last) return "other";
    const data =
      next() < 0.6 && target
        ? target.data
        : makeCallbackData(
            next,
            seen.map((s) => s.data),
          );
    await user.pressCallbackData(data, target?.messageId ?? last?.message_id ?? 1);
    return "other";
  }
  if (kind < 0.8) {
    const variants: Array<[string, string, () => Buffer]> = [
      ["a.txt", "text/plain", () => Buffer.from(makeText(next))],
      [
        "работники.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        () => Buffer.from(makeText(next)),
      ],
      ["r.csv", "text/csv", () => Buffer.from(`ИИН;Фамилия;Имя;Должность\n${makeText(next)}`)],
      ["logo.png", "image/png", truncatedRgbaPng],
      ["empty.pdf", "application/pdf", () => Buffer.alloc(0)],
      ["big.xlsx", "application/octet-stream", () => (next() < 0.05 ? tooLarge : Buffer.alloc(10))],
    ];
    const [fileName, mimeType, bytes] =
      variants[Math.floor(next() * variants.length)] ?? variants[0]!;
    await user.sendDocument({ fileName, mimeType, bytes: bytes() });
    return "message";
  }
  if (kind < 0.85) {
    await user.sendPhoto({ bytes: next() < 0.5 ? jpeg : truncatedRgbaPng() });
    return "message";
  }
  if (kind < 0.9) {
    const own = next() < 0.5;
    const phone =
      [SECRET.phone, "84951234567", "+7 701 000 00 00", makeText(next).slice(0, 20)][
        Math.floor(next() * 4)
      ] ?? "";
    await user.shareContact({ phone_number: phone || "0", user_id: own ? user.id : user.id + 1 });
    return "message";
  }
  if (kind < 0.94) {
    await app.sim.deliver({
      update_id: app.sim.newUpdateId(),
      edited_message: {
        message_id: Math.max(1, step),
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: "private", first_name: "F" },
        from: { id: user.id, is_bot: false, first_name: "F" },
        text: makeText(next) || "x",
      },
    } as Update);
    return "other";
  }
  if (kind < 0.97) {
    await user.blockBot();
    await user.unblockBot();
    return "other";
  }
  const pick = Math.floor(next() * 4);
  if (pick === 0) {
    await inGroup(user, next);
    return "other";
  }
  const unknown = [
    {
      poll: {
        id: "1",
        question: "?",
        options: [],
        total_voter_count: 0,
        is_closed: false,
        is_anonymous: true,
        type: "regular",
        allows_multiple_answers: false,
      },
    },
    {
      message_reaction: {
        chat: { id: user.id, type: "private" },
        message_id: 1,
        date: 0,
        old_reaction: [],
        new_reaction: [],
      },
    },
    {
      inline_query: {
        id: "q",
        from: { id: user.id, is_bot: false, first_name: "F" },
        query: makeText(next),
        offset: "",
      },
    },
  ][pick - 1];
  await app.sim.deliver({ update_id: app.sim.newUpdateId(), ...unknown } as unknown as Update);
  return "other";
}

/**
 * The person adds the bot to a new group, supergroup or channel (announced or not)
 * and writes a command there: the bot posts nothing there and leaves.
 */
async function inGroup(user: SimUser, next: () => number): Promise<void> {
  const type = (["group", "supergroup", "channel"] as const)[Math.floor(next() * 3)] ?? "group";
  const group = app.sim.group(type, makeText(next).slice(0, 40) || "g");
  await group.addBot(user, { announced: next() < 0.5 });
  const text = next() < 0.5 ? `/menu@${app.sim.botInfo.username}` : makeCommand(next);
  if (type === "channel") await group.post(text);
  else await group.send(user, text);
  expect(group.messages, `posted in a ${type}`).toEqual([]);
  expect(group.botIsMember, `stayed in a ${type}`).toBe(false);
}

describe(`fuzz: ${COUNT} random updates, seed ${SEED}`, () => {
  it("no unhandled error, every message answered in the person's language, nothing out of scope", async () => {
    const next = random(SEED);
    const started = performance.now();
    for (let step = 0; step < COUNT; step++) {
      const person = people[Math.floor(next() * people.length)] as Person;
      const before = person.user.messages.length;
      const callsBefore = app.sim.calls.length;
      const where = `step ${step} (seed ${SEED}), ${person.role}`;
      let kind: "message" | "other";
      try {
        kind = await sendOne(person, next, step);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
      expect(logLines, `${where}: logged errors`).toEqual([]);
      const fresh = person.user.messages.slice(before);
      if (kind === "message")
        expect(fresh.length, `${where}: a message was not answered`).toBeGreaterThan(0);
      const texts = person.user.messages
        .slice(Math.max(0, before - 1))
        .map((m) => `${m.text ?? ""} ${m.caption ?? ""} ${m.document?.file_name ?? ""}`);
      // The national administrator sees names in the access log (who viewed whose
      // data); an IIN or a phone number no one outside the district sees.
      const secrets =
        person.role === "admin"
          ? [secretIin, SECRET.phone]
          : [SECRET.lastName, SECRET.firstName, secretIin, SECRET.phone];
      for (const text of texts) {
        for (const secret of secrets)
          expect(text.includes(secret), `${where}: shown out of scope: ${text.slice(0, 200)}`).toBe(
            false,
          );
      }
      // Anyone with a role, the sender and those a notice went to, keeps a way on.
      const calls = app.sim.calls.slice(callsBefore);
      for (const someone of people.filter((p) => !p.role.startsWith("stranger"))) {
        const stuck = await noWayOn(someone.user, calls);
        expect(
          stuck,
          `${where}: ${someone.role} left with no button and no menu by: ${stuck}`,
        ).toBeNull();
      }
      const language =
        (await languageOf(person.user.id)) ??
        (person.role === "stranger-no-language" ? null : "kk");
      if (language) {
        const foreign = language === "ru" ? ONLY_KK : ONLY_RU;
        for (const message of fresh) {
          const text = `${message.text ?? ""}${message.caption ?? ""}`;
          // The language picker is written in both languages on purpose.
          const bilingual =
            ONLY_KK.some((w) => text.includes(w)) && ONLY_RU.some((w) => text.includes(w));
          if (bilingual) continue;
          for (const word of foreign)
            expect(
              text.includes(word),
              `${where}: "${word}" in a ${language} reply: ${text.slice(0, 200)}`,
            ).toBe(false);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `fuzz: ${COUNT} updates in ${seconds.toFixed(1)} s (${((seconds * 1000) / COUNT).toFixed(1)} ms each), seed ${SEED}`,
    );
  }, 3_600_000);
});
