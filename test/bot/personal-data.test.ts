// Personal data as Law No. 94-V asks, lived through the bot: the notice and consent
// (once per version), a declining employee who gets no reminders, masked IINs in a
// coordinator's screens with "show IIN" on record, downloads on record, the admin's
// access log, the retention job, and "My data" with exactly one person's data.
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETENTION } from "../../bot/core/config.js";
import { NOTICE_VERSION } from "../../bot/i18n/notice-versions.js";
import { planReminders } from "../../bot/reminders/planner.js";
import { routes } from "../../bot/routes/index.js";
import { maskIin } from "../../bot/rules/index.js";
import { runRetention } from "../../bot/services/retention.js";
import type { SimUser } from "../simulator/user.js";
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

const ADMIN = 7000;
const COORDINATOR = 7001; // Абайский район
const PROVIDER_COORDINATOR = 7002;
const ANNA = 7101; // agreed, has a certificate, an enrolment and a list entry
const BEK = 7102; // agreed, another person of the same district
const DECLINER = 7104; // due in 30 days, declines
const AGREER = 7105; // due in 30 days, agrees
const PHONE_JOINER = 7106;

let app: TestBot;
let district: number;
let provider: number;
const ids: Record<string, number> = {};
const iinOf: Record<string, string> = {};

async function iin(employeeId: number): Promise<string> {
  const row = await app.deps.db
    .selectFrom("employees")
    .select("iin")
    .where("id", "=", employeeId)
    .executeTakeFirstOrThrow();
  return row.iin;
}

async function pdfText(bytes: Buffer | undefined): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes ?? Buffer.alloc(0)));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

function alertText(): string {
  const answer = app.sim.calls.findLast((c) => c.method === "answerCallbackQuery");
  return String(answer?.params.text ?? "");
}

/** Everything the person can read in the chat: texts, captions and button labels. */
function everythingShown(user: SimUser): string {
  return user.messages
    .flatMap((m) => [m.text ?? "", m.caption ?? "", ...user.inlineButtons(m)])
    .join("\n");
}

async function accessRows(action: string) {
  return app.deps.db
    .selectFrom("access_log")
    .selectAll()
    .where("action", "=", action)
    .orderBy("id")
    .execute();
}

beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN] });
  const db = app.deps.db;
  district = await unitId(db, KATO.abaiDistrict);
  provider = await createProvider(db);
  await grantRole(db, COORDINATOR, "district_coordinator", { unitId: district });
  await grantRole(db, PROVIDER_COORDINATOR, "provider_coordinator", { providerId: provider });
  const person = async (key: string, fixture: Parameters<typeof createEmployee>[1]) => {
    ids[key] = await createEmployee(db, fixture);
    iinOf[key] = await iin(ids[key] ?? 0);
  };
  await person("anna", {
    unitId: district,
    lastName: "Әбенова",
    firstName: "Дана",
    telegramId: ANNA,
  });
  await person("bek", {
    unitId: district,
    lastName: "Бекболатов",
    firstName: "Ерлан",
    patronymic: null,
    telegramId: BEK,
  });
  // Both due on 25.12.2026, 30 days after the test clock's 25.11.2026.
  await person("decliner", {
    unitId: district,
    lastName: "Дәулетова",
    firstName: "Сая",
    telegramId: DECLINER,
    consent: "none",
  });
  await person("agreer", {
    unitId: district,
    lastName: "Ермекова",
    firstName: "Айна",
    telegramId: AGREER,
    consent: "none",
  });
  await person("joiner", {
    unitId: district,
    lastName: "Жаңабаева",
    firstName: "Гүл",
    phone: "77015550001",
  });
  for (const key of ["decliner", "agreer"]) {
    await issueCertificate(db, {
      employeeId: ids[key] ?? 0,
      providerId: provider,
      issuedOn: "2024-12-25",
      number: `ҰБО-2024-${key}`,
    });
  }
  await issueCertificate(db, {
    employeeId: ids.anna ?? 0,
    providerId: provider,
    issuedOn: "2025-05-20",
    number: "ҰБО-2025-000101",
  });
  await issueCertificate(db, {
    employeeId: ids.bek ?? 0,
    providerId: provider,
    issuedOn: "2025-05-21",
    number: "ҰБО-2025-000102",
  });
  const cohort = await createCohort(db, {
    providerId: provider,
    startsOn: "2027-02-01",
    endsOn: "2027-02-10",
  });
  await enrol(db, ids.anna ?? 0, cohort);
  await enrol(db, ids.bek ?? 0, cohort);
});
afterAll(() => app.database.close());

describe("the notice and consent", () => {
  it("is asked once per version of the text, and the answer is stored with its time and version", async () => {
    const user = app.sim.user({ id: PHONE_JOINER, language_code: "kk" });
    await user.send("/start");
    await user.shareContact({ phone_number: "+7 701 555 00 01" });
    expect(user.lastText()).toContain("Дербес деректер туралы хабарлама");
    expect(user.lastText()).toContain("Қазақстан Республикасының аумағындағы сервердегі");
    expect(user.lastText()).toContain("3 жыл");
    // Before answering, the employee's buttons lead back to the notice.
    await user.pressCallbackData(
      routes.employeeStatus.pack({ grant: { role: "employee" } }),
      user.lastMessage.message_id,
    );
    expect(user.lastText()).toContain("Дербес деректер туралы хабарлама");

    await user.press("✅ Келісемін");
    expect(user.texts().join("\n")).toContain("Келісіміңіз сақталды: 25.11.2026 11:00");
    expect(user.lastText()).toContain("Қызметкер");
    const stored = await app.deps.db
      .selectFrom("consents")
      .selectAll()
      .where("telegram_user_id", "=", PHONE_JOINER)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      subject: "employee",
      employee_id: ids.joiner,
      version: NOTICE_VERSION.employee,
      decision: "agreed",
      language: "kk",
    });
    expect(stored[0]?.decided_at).toEqual(app.clock.now());

    // Asked once: the next visit opens the menu straight away.
    await user.send("/menu");
    expect(user.lastText()).toContain("Қызметкер");
    expect(user.lastText()).not.toContain("хабарлама");

    // A new version of the text (the stored answer is to an older one) asks again.
    await app.deps.db
      .updateTable("consents")
      .set({ version: NOTICE_VERSION.employee - 1 })
      .where("telegram_user_id", "=", PHONE_JOINER)
      .execute();
    await user.send("/menu");
    expect(user.lastText()).toContain("Дербес деректер туралы хабарлама");
    await user.press("✅ Келісемін");
    const answers = await app.deps.db
      .selectFrom("consents")
      .select(["version", "decision"])
      .where("telegram_user_id", "=", PHONE_JOINER)
      .orderBy("id")
      .execute();
    expect(answers).toEqual([
      { version: NOTICE_VERSION.employee - 1, decision: "agreed" },
      { version: NOTICE_VERSION.employee, decision: "agreed" },
    ]);
  });

  it("an employee who declines is told what it means and gets no reminders; one who agrees does", async () => {
    const decliner = app.sim.user({ id: DECLINER, language_code: "ru" });
    await decliner.send("/start");
    expect(decliner.lastText()).toContain("Уведомление о персональных данных");
    await decliner.press("✖️ Не даю согласия");
    expect(decliner.lastText()).toContain("координатор вашего органа сохраняет запись");
    expect(decliner.lastText()).toContain("бот не будет вам писать");
    await decliner.send("/menu");
    expect(decliner.lastText()).toContain("меню работника закрыто");

    const agreer = app.sim.user({ id: AGREER, language_code: "ru" });
    await agreer.send("/start");
    await agreer.press("✅ Даю согласие");

    await planReminders(app.deps.db, app.clock.now());
    const planned = await app.deps.db
      .selectFrom("outbox")
      .select(["telegram_user_id", "text_key"])
      .where("text_key", "=", "reminders.due")
      .execute();
    expect(planned.map((r) => r.telegram_user_id)).toContain(AGREER);
    expect(planned.map((r) => r.telegram_user_id)).not.toContain(DECLINER);
  });

  it("a message meant for the employee that was waiting is withdrawn when they decline", async () => {
    const db = app.deps.db;
    const second = await createEmployee(db, {
      unitId: district,
      lastName: "Қайратова",
      telegramId: 7107,
      consent: "agreed",
    });
    expect(second).toBeGreaterThan(0);
    await db
      .insertInto("outbox")
      .values({
        telegram_user_id: 7107,
        text_key: "reminders.due",
        params: JSON.stringify({ date: "25.12.2026", days: 30 }),
        dedupe_key: "test:waiting:7107",
        not_before: new Date("2026-11-26T04:00:00Z"),
        audience: "employee",
      })
      .execute();
    const user = app.sim.user({ id: 7107, language_code: "ru" });
    await user.send("/menu");
    await user.press("🔒 Мои данные");
    await user.press("✖️ Отозвать согласие");
    const left = await db
      .selectFrom("outbox")
      .select("id")
      .where("dedupe_key", "=", "test:waiting:7107")
      .execute();
    expect(left).toEqual([]);
  });

  it("coordinators see who has not agreed", async () => {
    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await coordinator.send("/menu");
    await coordinator.press("👥 Работники");
    const buttons = coordinator.inlineButtons();
    expect(buttons).toContain("Дәулетова С. Н. 🚫");
    expect(buttons).toContain("Ермекова А. Н.");
    await coordinator.press("🔒 Не давшие согласия");
    expect(coordinator.lastText()).toContain(
      "не дали согласия на обработку персональных данных: 2",
    );
    expect(coordinator.inlineButtons()).toEqual(
      expect.arrayContaining(["Дәулетова С. Н. 🚫", "Қайратова Ә. Н. 🚫"]),
    );
    expect(coordinator.inlineButtons()).not.toContain("Ермекова А. Н.");
    await coordinator.press("Дәулетова С. Н. 🚫");
    expect(coordinator.lastText()).toContain("бот не пишет этому работнику");
  });

  it("a coordinator agrees to their own notice when accepting an invite, before the menu opens", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
    await admin.send("/menu");
    await admin.press("✉️ Пригласить координатора");
    await admin.press("🏘 Координатор района");
    await admin.press("Область Абай");
    await admin.press("Абайский район");
    const payload = /start=(i-[\w-]+)/.exec(admin.lastText())?.[1] ?? "";
    const newcomer = app.sim.user({ id: 7003, language_code: "ru" });
    await newcomer.send(`/start ${payload}`);
    expect(newcomer.lastText()).toContain("Уведомление о персональных данных для координатора");
    expect(newcomer.inlineButtons()).toEqual(["✅ Даю согласие"]);
    // A coordinator's button before agreeing shows the notice again, not the data.
    await newcomer.pressCallbackData(
      routes.employees.pack({
        grant: { role: "district_coordinator" as const, unitId: district },
        page: 0,
      }),
      newcomer.lastMessage.message_id,
    );
    expect(newcomer.lastText()).toContain("Уведомление о персональных данных для координатора");
    await newcomer.press("✅ Даю согласие");
    expect(newcomer.lastText()).toContain("Выберите раздел");
    const consent = await app.deps.db
      .selectFrom("consents")
      .select(["subject", "decision", "version"])
      .where("telegram_user_id", "=", 7003)
      .executeTakeFirstOrThrow();
    expect(consent).toEqual({
      subject: "coordinator",
      decision: "agreed",
      version: NOTICE_VERSION.coordinator,
    });
  });
});

describe("the least IIN in chat", () => {
  it("cards, lists and search results show masked IINs; 'show IIN' is an alert on record", async () => {
    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await coordinator.send("/menu");
    await coordinator.press("👥 Работники");
    await coordinator.press("Әбенова Д. Н.");
    const full = iinOf.anna ?? "";
    expect(coordinator.lastText()).toContain(`ИИН: ${maskIin(full)}`);
    expect(maskIin(full)).toBe(`${full.slice(0, 6)}****${full.slice(-2)}`);

    await coordinator.press("🔎 Поиск");
    await coordinator.send(full);
    expect(coordinator.lastText()).toContain(`Найдено по запросу «${maskIin(full)}»: 1`);
    expect(coordinator.inlineButtons()).toContain(`Әбенова Д. Н. · ${maskIin(full)}`);

    await coordinator.press(`Әбенова Д. Н. · ${maskIin(full)}`);
    await coordinator.press("👁 Показать ИИН");
    expect(alertText()).toContain(`ИИН: ${full}`);
    const answer = app.sim.calls.findLast((c) => c.method === "answerCallbackQuery");
    expect(answer?.params.show_alert).toBe(true);

    // Nothing the coordinator can read in the chat holds a full IIN (the one typed as a search excepted).
    const shown = everythingShown(coordinator);
    for (const key of ["anna", "bek", "decliner", "agreer"]) {
      expect(shown).not.toContain(iinOf[key]);
    }

    const shows = await accessRows("employee.iin");
    expect(shows).toHaveLength(1);
    expect(shows[0]).toMatchObject({ actor_telegram_id: COORDINATOR, employee_id: ids.anna });
    const cards = await accessRows("employee.card");
    expect(cards.filter((r) => r.employee_id === ids.anna).length).toBeGreaterThanOrEqual(2);
    // The access log itself never holds the IIN.
    const everything = JSON.stringify(
      await app.deps.db.selectFrom("access_log").selectAll().execute(),
    );
    for (const value of Object.values(iinOf)) expect(everything).not.toContain(value);
  });

  it("list files carry masked IINs; every download of a list or the register is recorded", async () => {
    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await coordinator.send("/menu");
    await coordinator.press("📋 Список на обучение");
    await coordinator.press("XLSX");
    const book = new ExcelJS.Workbook();
    const bytes = coordinator.lastMessage.document?.bytes ?? Buffer.alloc(0);
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    );
    const cells = JSON.stringify(book.worksheets[0]?.getSheetValues());
    expect(cells).toContain("Дәулетова");
    expect(cells).not.toContain(iinOf.decliner);
    expect(cells).toContain(maskIin(iinOf.decliner ?? ""));
    const lists = await accessRows("list.download");
    expect(lists.at(-1)).toMatchObject({ actor_telegram_id: COORDINATOR });
    expect(lists.at(-1)?.subject).toMatch(/^list:\d+:xlsx$/);

    // The register of Appendix 2 has full IINs: only the organization's coordinators get it.
    const providerCoordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "ru" });
    await providerCoordinator.send("/menu");
    await providerCoordinator.press("📒 Журнал сертификатов");
    await providerCoordinator.press("2025");
    const register = await pdfText(providerCoordinator.messages.at(-2)?.document?.bytes);
    expect(register).toContain(iinOf.anna);
    const registers = await accessRows("register.download");
    expect(registers).toHaveLength(1);
    expect(registers[0]).toMatchObject({
      actor_telegram_id: PROVIDER_COORDINATOR,
      subject: `register:${provider}:2025`,
    });
    await coordinator.pressCallbackData(
      `rgp:p${provider}:2025`,
      coordinator.lastMessage.message_id,
    );
    expect(alertText()).toBe("Это действие вам недоступно.");
    expect(await accessRows("register.download")).toHaveLength(1);
  });

  it("admins read the access log for a period or for one person, without IINs", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
    await admin.send("/menu");
    await admin.press("🔐 Журнал доступа к данным");
    const period = admin.lastText();
    expect(period).toContain("Просмотры персональных данных за последние 7 дней");
    expect(period).toContain(`(${COORDINATOR}) · показан ИИН: Әбенова Д. Н.`);
    expect(period).toContain(
      `(${PROVIDER_COORDINATOR}) · выгружен журнал регистрации сертификатов`,
    );
    for (const value of Object.values(iinOf)) expect(period).not.toContain(value);

    await admin.press("🔎 По работнику");
    await admin.send("Бекбол");
    await admin.press("Бекболатов Е.");
    expect(admin.lastText()).toContain("Кто просматривал данные работника Бекболатов Е.: 0");
    await admin.press("🔎 По работнику");
    await admin.send(iinOf.anna ?? "");
    await admin.press("Әбенова Д. Н.");
    expect(admin.lastText()).toContain("показан ИИН: Әбенова Д. Н.");
    expect(admin.lastText()).toContain("открыта карточка: Әбенова Д. Н.");

    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await coordinator.pressCallbackData(
      routes.accessLog.pack({ grant: { role: "admin" }, days: "7", page: 0 }),
      coordinator.lastMessage.message_id,
    );
    expect(alertText()).toBe("Это действие вам недоступно.");
  });
});

describe("my data", () => {
  it("is a PDF of exactly that person's data, in their language, and the download is recorded", async () => {
    const anna = app.sim.user({ id: ANNA, language_code: "kk" });
    await anna.send("/menu");
    await anna.press("🔒 Менің деректерім");
    expect(anna.lastText()).toContain("Келісім: берілді, 01.01.2026");
    await anna.press("📄 Деректерім (PDF)");
    expect(anna.lastMessage.document?.file_name).toBe("Менің деректерім.pdf");
    // Table cells wrap their words over lines: compare with the spaces made even.
    const text = (await pdfText(anna.lastMessage.document?.bytes)).replace(/\s+/g, " ");
    expect(text).toContain("Бот сіз туралы сақтайтын дербес деректер");
    expect(text).toContain("Әбенова Дана");
    expect(text).toContain(iinOf.anna);
    expect(text).toContain("ҰБО-2025-000101");
    expect(text).toContain("Балалардың құқықтарын қорғау: қазіргі тәсілдер");
    expect(text).toContain("келісті");
    expect(text).toContain(`(${COORDINATOR})`);
    expect(text).toContain("ЖСН-ді көрсетті");
    // Nobody else's data.
    expect(text).not.toContain("Бекболатов");
    expect(text).not.toContain(iinOf.bek);
    expect(text).not.toContain("ҰБО-2025-000102");
    expect(text).not.toContain("Дәулетова");
    const downloads = await accessRows("my_data.download");
    expect(downloads).toEqual([
      expect.objectContaining({ actor_telegram_id: ANNA, employee_id: ids.anna }),
    ]);
  });

  it("a correction request goes to the district coordinator as a task, and the person is told when it is done", async () => {
    const anna = app.sim.user({ id: ANNA, language_code: "kk" });
    await anna.send("/menu");
    await anna.press("🔒 Менің деректерім");
    await anna.press("✏️ Түзетуді сұрау");
    await anna.send("Аты: Дана емес, Данагүл");
    expect(anna.lastText()).toContain("өз органыңыздың үйлестірушісіне жіберілді");

    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    expect(coordinator.lastText()).toContain("Запрос на исправление персональных данных");
    expect(coordinator.lastText()).toContain("«Аты: Дана емес, Данагүл»");
    await coordinator.press("👤 Открыть карточку");
    expect(coordinator.lastText()).toContain("Әбенова Дана");
    await coordinator.press("✅ Выполнено");
    expect(coordinator.texts().join("\n")).toContain("отмечен выполненным");
    expect(anna.lastText()).toContain("сұрауыңызды үйлестіруші орындады");
    // Another district's coordinator cannot close it.
    await grantRole(app.deps.db, 7009, "district_coordinator", {
      unitId: await unitId(app.deps.db, KATO.semeyCity),
    });
    const stranger = app.sim.user({ id: 7009, language_code: "ru" });
    await stranger.send("/menu");
    const request = await app.deps.db
      .selectFrom("correction_requests")
      .select("id")
      .executeTakeFirstOrThrow();
    await stranger.pressCallbackData(
      routes.correctionDone.pack({ request: request.id }),
      stranger.lastMessage.message_id,
    );
    expect(alertText()).toBe("Это действие вам недоступно.");
  });
});

describe("retention", () => {
  it("erases a long-deactivated employee's personal data, keeps certificates and the register, and prunes old rows", async () => {
    const db = app.deps.db;
    const leaver = await createEmployee(db, {
      unitId: district,
      lastName: "Кеткенов",
      firstName: "Марат",
      telegramId: 7110,
    });
    const leaverIin = await iin(leaver);
    await issueCertificate(db, {
      employeeId: leaver,
      providerId: provider,
      issuedOn: "2025-06-01",
      number: "ҰБО-2025-000110",
    });
    // A leaver who now works as a coordinator keeps the Telegram profile the role needs.
    const leaverNowCoordinator = await createEmployee(db, {
      unitId: district,
      lastName: "Үйлестірушіге",
      firstName: "Ауысқан",
      telegramId: 7111,
    });
    await grantRole(db, 7111, "district_coordinator", { unitId: district });
    const recentLeaver = await createEmployee(db, { unitId: district, lastName: "Жақындағы" });
    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    for (const id of [leaverNowCoordinator, leaver, recentLeaver]) {
      await coordinator.pressCallbackData(
        routes.employeeDeactivate.pack({
          grant: { role: "district_coordinator" as const, unitId: district },
          employee: id,
        }),
        coordinator.lastMessage.message_id,
      );
      await coordinator.press("Да, исключить");
      if (id === leaver) app.clock.advanceDays(DEFAULT_RETENTION.employeeDays - 10);
    }
    // Old rows to prune, and fresh ones to keep.
    const old = new Date(app.clock.now().getTime() - 400 * 86_400_000);
    await db
      .insertInto("invites")
      .values([
        {
          code_hash: "old",
          kind: "employee",
          employee_id: leaver,
          created_at: old,
          expires_at: old,
        },
        {
          code_hash: "fresh",
          kind: "employee",
          employee_id: recentLeaver,
          created_at: app.clock.now(),
          expires_at: new Date(app.clock.now().getTime() + 86_400_000),
        },
      ])
      .execute();
    await db
      .insertInto("verification_failures")
      .values([
        { telegram_user_id: 1, at: old },
        { telegram_user_id: 1, at: new Date(app.clock.now().getTime() + 11 * 86_400_000) },
      ])
      .execute();
    await db
      .insertInto("outbox")
      .values({
        telegram_user_id: 1,
        text_key: "reminders.due",
        params: "{}",
        dedupe_key: "old-sent",
        status: "sent",
        created_at: old,
        not_before: old,
      })
      .execute();

    app.clock.advanceDays(11);
    const result = await runRetention(db, DEFAULT_RETENTION, app.clock.now());
    expect(result).toMatchObject({ employeesErased: 2, verificationFailuresPruned: 1 });
    expect(result.invitesPruned).toBeGreaterThanOrEqual(1);
    expect(result.outboxPruned).toBeGreaterThanOrEqual(1);
    const invites = await db.selectFrom("invites").select("code_hash").execute();
    expect(invites.map((i) => i.code_hash)).toContain("fresh");
    expect(invites.map((i) => i.code_hash)).not.toContain("old");
    expect(await db.selectFrom("verification_failures").select("id").execute()).toHaveLength(1);
    // A second run finds nothing more to erase.
    expect((await runRetention(db, DEFAULT_RETENTION, app.clock.now())).employeesErased).toBe(0);

    const erased = await db
      .selectFrom("employees")
      .selectAll()
      .where("id", "=", leaver)
      .executeTakeFirstOrThrow();
    expect(erased).toMatchObject({
      last_name: "—",
      first_name: "—",
      patronymic: null,
      phone: null,
      telegram_user_id: null,
    });
    expect(erased.iin).not.toBe(leaverIin);
    const profiles = await db
      .selectFrom("telegram_users")
      .select(["telegram_id", "first_name"])
      .where("telegram_id", "in", [7110, 7111])
      .orderBy("telegram_id")
      .execute();
    expect(profiles.map((p) => p.first_name === "—")).toEqual([true, false]);
    expect(erased.erased_at).not.toBeNull();
    const kept = await db
      .selectFrom("employees")
      .select("last_name")
      .where("id", "=", recentLeaver)
      .executeTakeFirstOrThrow();
    expect(kept.last_name).toBe("Жақындағы");
    // Its audit history no longer holds the IIN or the name; the erasure is audited.
    const history = JSON.stringify(
      await db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity_id", "=", String(leaver))
        .execute(),
    );
    expect(history).not.toContain(leaverIin);
    expect(history).not.toContain("Кеткенов");
    const erasure = await db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "employee.erase")
      .where("entity_id", "=", String(leaver))
      .executeTakeFirstOrThrow();
    expect(erasure.after).toMatchObject({ certificatesKept: 1 });
    const secondErasure = await db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "employee.erase")
      .where("entity_id", "=", String(leaverNowCoordinator))
      .executeTakeFirstOrThrow();
    expect(secondErasure.after).toMatchObject({ certificatesKept: 0 });
    expect(
      await db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "retention.prune")
        .execute(),
    ).toHaveLength(2);

    // The certificate and the register stay as the Rules require (item 14).
    const certificate = await db
      .selectFrom("certificates")
      .select(["holder_last_name", "holder_iin"])
      .where("number", "=", "ҰБО-2025-000110")
      .executeTakeFirstOrThrow();
    expect(certificate).toEqual({ holder_last_name: "Кеткенов", holder_iin: leaverIin });
    const providerCoordinator = app.sim.user({ id: PROVIDER_COORDINATOR, language_code: "ru" });
    await providerCoordinator.send("/menu");
    await providerCoordinator.press("📒 Журнал сертификатов");
    await providerCoordinator.press("весь период");
    const register = await pdfText(providerCoordinator.messages.at(-2)?.document?.bytes);
    expect(register).toContain("ҰБО-2025-000110");
    expect(register).toContain("Кеткенов");
  });
});
