// A transfer is sent by an order too (items 9, 13.2): approving a transfer asks for
// the order that sends the employee to the new cohort (its draft first, naming the
// transfer and its reason), the new enrolment points at it, and a target that has
// started on the day of the decision is refused. When a provider later moves a
// cohort's dates, the orders that named the old dates are marked on 🗃 Orders, the
// regional coordinators are told, and the amending order is recorded.
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveTransfer } from "../../bot/services/transfer-approval.js";
import type { SimMessage } from "../simulator/bot-api.js";
import type { SimUser } from "../simulator/user.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const REGIONAL = 9710;
const SECOND_REGIONAL = 9711;
const PROVIDER_B = 9712;
const OTHER_ORG_RU = "ТОО «Академия опеки»";
let app: TestBot;
let district: number;
let region: number;
let runningCohort: number; // provider A, 01–12.03.2027
let springCohort: number; // provider A, 15–26.03.2027
let aprilCohort: number; // provider B, 05–16.04.2027
let nextId = 9720;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  district = await unitId(db, KATO.abaiDistrict);
  region = await unitId(db, KATO.abaiRegion);
  const providerA = await createProvider(db, "ҰБО");
  const providerB = await createProvider(db, "ҚА");
  await db
    .updateTable("providers")
    .set({ name_ru: OTHER_ORG_RU, name_kk: "«Қамқорлық академиясы» ЖШС" })
    .where("id", "=", providerB)
    .execute();
  runningCohort = await createCohort(db, {
    providerId: providerA,
    startsOn: "2027-03-01",
    endsOn: "2027-03-12",
  });
  springCohort = await createCohort(db, {
    providerId: providerA,
    startsOn: "2027-03-15",
    endsOn: "2027-03-26",
  });
  aprilCohort = await createCohort(db, {
    providerId: providerB,
    startsOn: "2027-04-05",
    endsOn: "2027-04-16",
  });
  for (const id of [REGIONAL, SECOND_REGIONAL])
    await grantRole(db, id, "regional_coordinator", { unitId: region });
  await grantRole(db, PROVIDER_B, "provider_coordinator", { providerId: providerB });
  app.clock.set("2027-03-03T10:00:00+05:00");
  for (const id of [REGIONAL, SECOND_REGIONAL, PROVIDER_B])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
});
afterAll(() => app.database.close());

async function documentXml(message: SimMessage | undefined): Promise<string> {
  expect(message?.document?.file_name).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(message?.document?.bytes ?? Buffer.alloc(0));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

/** An employee of the district in the running cohort, who asks to move to `target`. */
async function employeeAsking(target: string) {
  const telegramId = nextId++;
  const employeeId = await createEmployee(app.deps.db, {
    unitId: district,
    telegramId,
    lastName: `Переводова${telegramId}`,
    firstName: "Айгүл",
  });
  await enrol(app.deps.db, employeeId, runningCohort);
  const user = app.sim.user({ id: telegramId, language_code: "ru" });
  await user.send("/start");
  await user.press("🔁 Перевод в другой поток");
  await user.press("🤒 Болезнь");
  await user.press("Пропустить ›");
  await user.press("Пропустить ›");
  await user.press(target);
  await user.press("📨 Отправить заявление");
  const request = await app.deps.db
    .selectFrom("transfer_requests as r")
    .innerJoin("enrolments as en", "en.id", "r.enrolment_id")
    .select("r.id")
    .where("en.employee_id", "=", employeeId)
    .executeTakeFirstOrThrow();
  return { user, employeeId, requestId: request.id };
}

async function openRequest(coordinator: SimUser, requestId: number) {
  await coordinator.send("/menu");
  await coordinator.press("🔁 Заявления о переводе");
  await coordinator.press(new RegExp(`^№${requestId} `));
}

describe("approving a transfer records the order that sends the employee", () => {
  it("offers the draft naming the transfer and its reason, checks the date, and the new enrolment points at the order", async () => {
    const { user, employeeId, requestId } = await employeeAsking("2. 05.04.2027–16.04.2027");
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await openRequest(regional, requestId);
    await regional.press("✅ Перевести в выбранный поток");
    expect(regional.lastText()).toContain("Проект приказа о переводе");

    await regional.press("📄 На русском");
    const [docx, pdf] = regional.messages.slice(-3, -1);
    const ru = await documentXml(docx);
    expect(pdf?.document?.file_name).toMatch(/\.pdf$/);
    const pdfText = (
      await extractText(await getDocumentProxy(new Uint8Array(pdf?.document?.bytes ?? [])), {
        mergePages: true,
      })
    ).text.replace(/\s+/g, " ");
    expect(pdfText).toContain("О переводе из одного потока обучения в другой");
    expect(pdfText).toContain(OTHER_ORG_RU);
    expect(ru).toContain("ПРОЕКТ");
    expect(ru).toContain("О переводе из одного потока обучения в другой");
    expect(ru).toContain("подпунктом 2) пункта 13 Правил");
    expect(ru).toContain("болезнь");
    expect(ru).toContain("№ 47-ө от 01.09.2026");
    expect(ru).toContain(`Переводова${employeeId}`.slice(0, 9));
    expect(ru).toContain(OTHER_ORG_RU);
    expect(ru).toContain("с 05.04.2027 по 16.04.2027");
    expect(ru).toContain("с 01.03.2027 по 12.03.2027");
    await regional.press("📄 На казахском");
    const kk = await documentXml(regional.messages.at(-3));
    expect(kk).toContain("Бір оқу легінен екіншісіне ауыстыру туралы");
    expect(kk).toContain("ауру");

    await regional.press("Номер и дата приказа ›");
    await regional.send("12-п");
    await regional.send("10.03.2027");
    expect(regional.texts().at(-2)).toBe("Дата приказа не может быть позже сегодняшнего дня.");
    expect(regional.lastText()).toContain("Дата приказа");
    await regional.send("28.02.2027");
    expect(regional.texts().at(-2)).toBe(
      "Приказ о переводе не может быть раньше заявления (03.03.2027).",
    );
    await regional.send("03.03.2027");
    expect(regional.lastText()).toBe(
      `✅ Заявление № ${requestId} удовлетворено: работник переведён по приказу № 12-п от 03.03.2027.`,
    );
    expect(regional.inlineButtons()).toContain("‹ Назад");

    const db = app.deps.db;
    const order = await db
      .selectFrom("head_orders")
      .selectAll()
      .where("transfer_request_id", "=", requestId)
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      cohort_id: aprilCohort,
      number: "12-п",
      order_date: "2027-03-03",
    });
    expect(order.content).toMatchObject({
      provider: { ru: OTHER_ORG_RU },
      transfer: { reason: "illness", fromOrder: { number: "47-ө", date: "2026-09-01" } },
    });
    const enrolments = await db
      .selectFrom("enrolments")
      .select(["cohort_id", "status", "order_number", "order_date", "head_order_id"])
      .where("employee_id", "=", employeeId)
      .orderBy("id")
      .execute();
    expect(enrolments).toEqual([
      {
        cohort_id: runningCohort,
        status: "transferred",
        order_number: "47-ө",
        order_date: "2026-09-01",
        head_order_id: null,
      },
      {
        cohort_id: aprilCohort,
        status: "enrolled",
        order_number: "12-п",
        order_date: "2027-03-03",
        head_order_id: order.id,
      },
    ]);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where((eb) =>
        eb.or([
          eb.and([eb("entity", "=", "head_order"), eb("entity_id", "=", String(order.id))]),
          eb.and([eb("entity", "=", "transfer_request"), eb("entity_id", "=", String(requestId))]),
        ]),
      )
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "transfer_request.create",
      "head_order.create",
      "transfer_request.approve",
    ]);
    expect(audit[2]?.after).toMatchObject({ headOrderId: order.id, order: "12-п" });
    expect(user.lastText()).toContain("№ 12-п от 03.03.2027");
    await user.press("🎓 Мой поток");
    expect(user.lastText()).toContain("Приказ руководителя: № 12-п от 03.03.2027");
    expect(user.lastText()).toContain(OTHER_ORG_RU);

    await regional.send("/menu");
    await regional.press("🗃 Приказы о направлении");
    expect(regional.lastText()).toContain(
      "№ 12-п от 03.03.2027 (перевод): «Защита прав детей: современные подходы», 05.04.2027 – 16.04.2027, работников: 1",
    );
    await regional.press("№ 12-п, 03.03.2027 · РУС");
    const signed = await documentXml(regional.messages.at(-2));
    expect(signed).toContain("№ 12-п");
    expect(signed).not.toContain("ПРОЕКТ");
    expect(signed).toContain("О переводе из одного потока обучения в другой");
  });

  it("tells a second coordinator who approved it first and when, and keeps one order", async () => {
    const { requestId } = await employeeAsking("2. 05.04.2027–16.04.2027");
    const first = app.sim.user({ id: REGIONAL, language_code: "ru" });
    const second = app.sim.user({ id: SECOND_REGIONAL, language_code: "ru" });
    await openRequest(first, requestId);
    await openRequest(second, requestId);
    await second.press("✅ Перевести в выбранный поток");
    await second.press("Номер и дата приказа ›");
    await second.send("14-п");

    await first.press("✅ Перевести в выбранный поток");
    await first.press("Номер и дата приказа ›");
    await first.send("13-п");
    await first.send("03.03.2027");
    expect(first.lastText()).toContain("приказу № 13-п от 03.03.2027");

    await second.send("03.03.2027");
    expect(second.lastText()).toMatch(/^Это уже сделано: User 9710, 03\.03\.2027 10:00/);
    expect(second.inlineButtons()).toContain("‹ Назад");
    await second.press("✅ Перевести в выбранный поток");
    expect(second.lastText()).toMatch(/^Это уже сделано: User 9710/);
    const orders = await app.deps.db
      .selectFrom("head_orders")
      .select("number")
      .where("transfer_request_id", "=", requestId)
      .execute();
    expect(orders).toEqual([{ number: "13-п" }]);
  });
});

describe("a transfer's target must not have started on the day of the decision", () => {
  it("is refused when the target starts on that day, also in the transaction of a decision begun the day before", async () => {
    const { requestId } = await employeeAsking("1. 15.03.2027–26.03.2027");
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });

    // Begun on 14 March, finished on 15 March, the cohort's first day.
    app.clock.set("2027-03-14T17:00:00+05:00");
    await openRequest(regional, requestId);
    await regional.press("✅ Перевести в выбранный поток");
    await regional.press("Номер и дата приказа ›");
    await regional.send("20-п");
    app.clock.set("2027-03-15T09:00:00+05:00");
    await regional.send("14.03.2027");
    const started =
      "Поток уже начался 15.03.2027: перевести можно только в поток, который ещё не начался. Выберите другой поток или откажите.";
    expect(regional.lastText()).toBe(started);

    // Pressed on the first day itself: refused at once, and not offered among the targets.
    await openRequest(regional, requestId);
    await regional.press("✅ Перевести в выбранный поток");
    expect(regional.lastText()).toBe(started);
    expect(regional.inlineButtons()).toContain("📋 Выбрать поток и перевести");
    await regional.press("📋 Выбрать поток и перевести");
    expect(regional.lastText()).not.toContain("15.03.2027");
    expect(regional.lastText()).toContain("05.04.2027");

    // The service itself refuses it, whatever the screen.
    const refused = await approveTransfer(app.deps.db, {
      requestId,
      regionId: region,
      targetCohortId: springCohort,
      order: { number: "21-п", date: "2027-03-15" },
      actor: REGIONAL,
      now: app.clock.now(),
    });
    expect(refused).toMatchObject({ ok: false, reason: "target_started" });
    const still = await app.deps.db
      .selectFrom("transfer_requests")
      .select("status")
      .where("id", "=", requestId)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe("pending");
  });
});

describe("a cohort's dates moved after an order named them", () => {
  it("marks the orders on 🗃 Orders, tells the regional coordinators, and takes the amending order", async () => {
    app.clock.set("2027-03-16T10:00:00+05:00");
    const provider = app.sim.user({ id: PROVIDER_B, language_code: "ru" });
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("05.04.2027–16.04.2027");
    await provider.press("✏️ Начало");
    await provider.send("07.04.2027");
    expect(provider.lastText()).toContain("Сохранено");

    const notice =
      "⚠️ Сроки потока «Защита прав детей: современные подходы» (ТОО «Академия опеки») изменены: теперь 07.04.2027 – 16.04.2027. Прежние сроки называют приказы: № 12-п от 03.03.2027, № 13-п от 03.03.2027. Внесите изменяющие приказы в разделе «🗃 Приказы о направлении».";
    for (const id of [REGIONAL, SECOND_REGIONAL]) {
      const coordinator = app.sim.user({ id, language_code: "ru" });
      expect(coordinator.texts()).toContain(notice);
    }

    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.press("🗃 Приказы о направлении");
    const list = regional.lastText();
    expect(list).toContain(
      "⚠️ называет прежние сроки 05.04.2027 – 16.04.2027; поток теперь 07.04.2027 – 16.04.2027",
    );
    await regional.press("✏️ Изменить № 12-п");
    expect(regional.lastText()).toContain("Номер приказа, изменяющего приказ № 12-п от 03.03.2027");
    await regional.send("15-п");
    await regional.send("17.03.2027");
    expect(regional.texts().at(-2)).toBe("Дата приказа не может быть позже сегодняшнего дня.");
    await regional.send("01.03.2027");
    expect(regional.texts().at(-2)).toBe(
      "Изменяющий приказ не может быть раньше изменяемого (03.03.2027).",
    );
    await regional.send("16.03.2027");
    expect(regional.lastText()).toBe(
      "✅ Изменяющий приказ № 15-п от 16.03.2027 внесён: приказ № 12-п теперь называет сроки 07.04.2027 – 16.04.2027.",
    );
    expect(regional.inlineButtons()).toContain("🗃 Приказы о направлении");

    await regional.press("🗃 Приказы о направлении");
    const after = regional.lastText();
    expect(after).toContain("изменён приказом № 15-п от 16.03.2027");
    expect(after.match(/⚠️/g)?.length).toBe(1); // only № 13-п is left to amend

    const db = app.deps.db;
    const amendment = await db
      .selectFrom("head_order_amendments as a")
      .innerJoin("head_orders as o", "o.id", "a.head_order_id")
      .select(["a.number", "a.order_date", "a.starts_on", "a.ends_on", "a.id"])
      .where("o.number", "=", "12-п")
      .executeTakeFirstOrThrow();
    expect(amendment).toMatchObject({
      number: "15-п",
      order_date: "2027-03-16",
      starts_on: "2027-04-07",
      ends_on: "2027-04-16",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "head_order.amend")
      .execute();
    expect(audit).toHaveLength(1);

    // The second coordinator's button, pressed after it was done.
    const second = app.sim.user({ id: SECOND_REGIONAL, language_code: "ru" });
    await second.send("/menu");
    await second.press("🗃 Приказы о направлении");
    expect(second.inlineButtons()).not.toContain("✏️ Изменить № 12-п");
    const stale = second.lastMessage.message_id;
    const data = (
      regional.lastMessage.reply_markup as
        | { inline_keyboard: { text: string; callback_data?: string }[][] }
        | undefined
    )?.inline_keyboard
      .flat()
      .find((b) => b.text === "✏️ Изменить № 13-п")?.callback_data;
    expect(data).toBeDefined();
    // № 13-п is amended by the first coordinator while the second still has the button.
    await regional.press("✏️ Изменить № 13-п");
    await regional.send("16-п");
    await regional.send("16.03.2027");
    await second.pressCallbackData(data ?? "", stale);
    expect(second.lastText()).toMatch(/^Это уже сделано: User 9710/);
    expect(second.inlineButtons()).toContain("‹ Назад");
  });
});
