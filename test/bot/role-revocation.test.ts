// Roles can be taken away. Admins revoke any coordinator,
// regional coordinators the coordinators of their districts; each revocation is one
// transaction with its audit row and a notice to the person; a second press (or a
// second admin at the same moment) is told who did it and when; a person whose role
// was revoked in the middle of a conversation cannot finish it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import {
  createEmployee,
  createProvider,
  districtOf,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const ADMIN = 8100;
const SECOND_ADMIN = 8101;
const KARAGANDA = "350000000";
let app: TestBot;
let abaiDistrict: number;
let abaiRegion: number;

beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN, SECOND_ADMIN] });
  abaiDistrict = await unitId(app.deps.db, KATO.abaiDistrict);
  abaiRegion = await unitId(app.deps.db, KATO.abaiRegion);
});
afterAll(() => app.database.close());

const admin = () =>
  app.sim.user({ id: ADMIN, first_name: "Асель", last_name: "Нұрова", language_code: "ru" });
const secondAdmin = () =>
  app.sim.user({ id: SECOND_ADMIN, first_name: "Ерлан", language_code: "ru" });

function linkIn(text: string): string {
  const match = /https:\/\/t\.me\/\w+\?start=(i-[\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no invite link in: ${text}`);
  return match[1];
}

async function membershipOf(telegramId: number) {
  return app.deps.db
    .selectFrom("memberships")
    .selectAll()
    .where("telegram_user_id", "=", telegramId)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

async function noticesTo(telegramId: number, key: string) {
  return app.deps.db
    .selectFrom("outbox")
    .select(["text_key", "status"])
    .where("telegram_user_id", "=", telegramId)
    .where("text_key", "=", key)
    .execute();
}

describe("an admin revoking a coordinator", () => {
  it("takes the role away at once, cancels the person's unused links, tells them, and audits it", async () => {
    const coordinatorId = 8200;
    await grantRole(app.deps.db, coordinatorId, "district_coordinator", { unitId: abaiDistrict });
    await createEmployee(app.deps.db, {
      unitId: abaiDistrict,
      lastName: "Жанұзақ",
      patronymic: null,
    });
    const coordinator = app.sim.user({
      id: coordinatorId,
      first_name: "Дәурен",
      language_code: "ru",
    });
    await coordinator.send("/start");
    const menu = coordinator.lastMessage;
    await coordinator.press("✉️ Пригласить работников");
    await coordinator.press(/^Жанұзақ/);
    const employeeLink = linkIn(coordinator.lastText());
    // The link is not a dead end: the screen offers a way on.
    expect(coordinator.inlineButtons()).toEqual([
      "‹ К списку работников",
      "🔗 Неиспользованные ссылки",
      "🏠 Меню",
    ]);

    const a = admin();
    await a.send("/start");
    await a.press("👥 Координаторы");
    expect(a.lastText()).toContain("Координаторы: 1");
    await a.press("Дәурен · Абайский район");
    expect(a.lastText()).toContain("Роль: Координатор районного органа");
    await a.press("🚫 Отозвать роль");
    expect(a.lastText()).toContain(
      "Отозвать у Дәурен роль «Координатор районного органа: Абайский район»?",
    );
    await a.press("✅ Да, отозвать роль");
    expect(a.lastText()).toBe(
      "✅ Роль отозвана: Дәурен, Координатор районного органа: Абайский район.\nОтменено ссылок-приглашений: 1. Уведомление отправлено.",
    );
    expect(a.inlineButtons()).toEqual(["‹ К списку координаторов", "🏠 Меню"]);

    // The person is told, in their language, through the outbox.
    expect(coordinator.lastText()).toContain(
      "Ваша роль «Координатор районного органа: Абайский район» отозвана.",
    );
    expect(await noticesTo(coordinatorId, "access.notice.role_revoked")).toEqual([
      { text_key: "access.notice.role_revoked", status: "sent" },
    ]);
    // An old menu button does nothing any more; the home screen has no role.
    await coordinator.pressCallbackData(
      routes.employees.pack({
        grant: { role: "district_coordinator" as const, unitId: abaiDistrict },
        page: 0,
      }),
      menu.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    await coordinator.send("/menu");
    expect(coordinator.lastText()).toContain("Вам ещё не назначена ни одна роль");
    // The link they made for an employee no longer binds anyone.
    const opener = app.sim.user({ id: 8201, language_code: "ru" });
    await opener.send(`/start ${employeeLink}`);
    expect(opener.texts().join("\n")).toContain("Эта ссылка-приглашение отменена");

    const membership = await membershipOf(coordinatorId);
    expect(membership.revoked_by).toBe(ADMIN);
    expect(membership.revoked_at).not.toBeNull();
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select(["action", "actor_telegram_id", "entity_id"])
      .where("action", "=", "membership.revoke")
      .execute();
    expect(audit).toEqual([
      { action: "membership.revoke", actor_telegram_id: ADMIN, entity_id: String(membership.id) },
    ]);
  });

  it("a second admin pressing a stale confirmation is told who revoked it and when; nothing else happens", async () => {
    const coordinatorId = 8210;
    const providerId = await createProvider(app.deps.db, "СТАЛ");
    await grantRole(app.deps.db, coordinatorId, "provider_coordinator", { providerId });
    await app.sim
      .user({ id: coordinatorId, first_name: "Гүлнар", language_code: "kk" })
      .send("/start");
    const a = admin();
    const b = secondAdmin();
    for (const who of [a, b]) {
      await who.send("/menu");
      await who.press("👥 Координаторы");
      await who.press("Организаций");
      await who.press(/^Гүлнар · /);
      await who.press("🚫 Отозвать роль");
    }
    await a.press("✅ Да, отозвать роль");
    expect(a.lastText()).toContain("✅ Роль отозвана: Гүлнар");
    await b.press("✅ Да, отозвать роль");
    expect(b.lastText()).toMatch(
      /^Это уже сделано: Асель Нұрова, \d\d\.\d\d\.\d{4} \d\d:\d\d\. Повторно ничего не изменено\.$/,
    );
    expect(b.inlineButtons()).toEqual(["‹ К списку координаторов", "🏠 Меню"]);

    const membership = await membershipOf(coordinatorId);
    expect(membership.revoked_by).toBe(ADMIN);
    const audits = await app.deps.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "membership.revoke")
      .where("entity_id", "=", String(membership.id))
      .execute();
    expect(audits).toHaveLength(1);
    expect(await noticesTo(coordinatorId, "access.notice.role_revoked")).toHaveLength(1);
  });

  it("two admins confirming at the same moment: one revokes, the other is told it was done", async () => {
    const coordinatorId = 8220;
    await grantRole(app.deps.db, coordinatorId, "regional_coordinator", { unitId: abaiRegion });
    await app.sim
      .user({ id: coordinatorId, first_name: "Бауыржан", language_code: "ru" })
      .send("/start");
    const membership = await membershipOf(coordinatorId);
    const a = admin();
    const b = secondAdmin();
    for (const who of [a, b]) {
      await who.send("/menu");
      await who.press("👥 Координаторы");
      await who.press("Областные");
      await who.press("Бауыржан · Область Абай");
      await who.press("🚫 Отозвать роль");
    }
    await Promise.all([a.press("✅ Да, отозвать роль"), b.press("✅ Да, отозвать роль")]);
    const answers = [a.lastText(), b.lastText()];
    expect(answers.filter((t) => t.startsWith("✅ Роль отозвана"))).toHaveLength(1);
    expect(answers.filter((t) => t.startsWith("Это уже сделано: "))).toHaveLength(1);
    const audits = await app.deps.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "membership.revoke")
      .where("entity_id", "=", String(membership.id))
      .execute();
    expect(audits).toHaveLength(1);
    expect(await noticesTo(coordinatorId, "access.notice.role_revoked")).toHaveLength(1);
  });
});

describe("a regional coordinator", () => {
  it("revokes the coordinators of the region's districts, and no one else's, whatever callback data is sent", async () => {
    const regional = 8300;
    const ownDistrict = 8301;
    const foreignDistrict = 8302;
    await grantRole(app.deps.db, regional, "regional_coordinator", { unitId: abaiRegion });
    await grantRole(app.deps.db, ownDistrict, "district_coordinator", { unitId: abaiDistrict });
    const akmolaDistrict = await districtOf(app.deps.db, KATO.akmolaRegion);
    await grantRole(app.deps.db, foreignDistrict, "district_coordinator", {
      unitId: akmolaDistrict,
    });
    const foreign = await membershipOf(foreignDistrict);
    await app.sim
      .user({ id: ownDistrict, first_name: "Айгүл", language_code: "kk" })
      .send("/start");

    const r = app.sim.user({ id: regional, language_code: "kk" });
    await r.send("/start");
    await r.press("👥 Аудандардың үйлестірушілері");
    const list = r.lastText();
    expect(list, JSON.stringify(r.inlineButtons())).toContain("Үйлестірушілер: 1");
    expect(r.inlineButtons()).toContain("Айгүл · Абай ауданы");
    expect(r.inlineButtons().some((b) => b.startsWith(`User${foreignDistrict}`))).toBe(false);

    const screen = r.lastMessage.message_id;
    const region = { role: "regional_coordinator", unitId: abaiRegion } as const;
    const admin = { role: "admin" } as const;
    for (const data of [
      routes.coordinatorCard.pack({ grant: region, membership: foreign.id }),
      routes.coordinatorRevoke.pack({ grant: region, membership: foreign.id }),
      routes.coordinatorRevokeConfirmed.pack({ grant: region, membership: foreign.id }),
      routes.coordinators.pack({ grant: region, filter: "p", page: 0 }),
      routes.coordinators.pack({ grant: admin, filter: "x", page: 0 }),
      routes.coordinatorRevokeConfirmed.pack({ grant: admin, membership: foreign.id }),
    ]) {
      await r.pressCallbackData(data, screen);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({
        text: "Бұл әрекет сізге қолжетімсіз.",
      });
    }
    expect((await membershipOf(foreignDistrict)).revoked_at).toBeNull();

    await r.press("Айгүл · Абай ауданы");
    await r.press("🚫 Рөлді қайтарып алу");
    await r.press("✅ Иә, рөлді қайтарып алу");
    expect(r.lastText()).toContain("✅ Рөл қайтарып алынды");
    expect((await membershipOf(ownDistrict)).revoked_by).toBe(regional);
  });
});

describe("the coordinators screen", () => {
  it("comes 8 to a page, with a pager", async () => {
    const regional = 8350;
    // Karaganda region: no other test here touches it.
    const karaganda = await unitId(app.deps.db, KARAGANDA);
    await grantRole(app.deps.db, regional, "regional_coordinator", { unitId: karaganda });
    for (let i = 0; i < 10; i++) {
      const district = await districtOf(app.deps.db, KARAGANDA, i);
      await grantRole(app.deps.db, 8351 + i, "district_coordinator", { unitId: district });
    }
    const r = app.sim.user({ id: regional, language_code: "ru" });
    await r.send("/start");
    await r.press("👥 Координаторы районов");
    expect(r.lastText()).toContain("Координаторы: 10");
    const firstPage = r.inlineButtons().filter((b) => b.startsWith("User"));
    expect(firstPage).toHaveLength(8);
    expect(r.inlineButtons()).toContain("1/2");
    await r.press("›");
    const secondPage = r.inlineButtons().filter((b) => b.startsWith("User"));
    expect(secondPage).toHaveLength(2);
    expect(secondPage.some((b) => firstPage.includes(b))).toBe(false);
    expect(r.inlineButtons()).toEqual(expect.arrayContaining(["‹", "2/2", "‹ Назад"]));
  });
});

describe("a conversation under a role revoked half-way", () => {
  const MEMBER_ADMIN = 8400;

  async function revokeAdminMembership() {
    // Admin memberships are kept by the operator, not in the bot: revoked in the database.
    await app.deps.db
      .updateTable("memberships")
      .set({ revoked_at: app.clock.now(), revoked_by: ADMIN })
      .where("telegram_user_id", "=", MEMBER_ADMIN)
      .where("revoked_at", "is", null)
      .execute();
  }

  it("cannot finish the admin's coordinator invite", async () => {
    await grantRole(app.deps.db, MEMBER_ADMIN, "admin");
    const before = await app.deps.db.selectFrom("invites").select("id").execute();
    const m = app.sim.user({ id: MEMBER_ADMIN, language_code: "ru" });
    await m.send("/start");
    await m.press("✉️ Пригласить координатора");
    await m.press("🏘 Координатор района");
    await m.press("Область Абай");
    await revokeAdminMembership();
    await m.press("Абайский район");
    expect(m.lastText()).toBe("Ваша роль отозвана, пока вы заполняли форму. Ничего не сохранено.");
    expect(m.inlineButtons()).toEqual(["🏠 Меню"]);
    const after = await app.deps.db.selectFrom("invites").select("id").execute();
    expect(after).toHaveLength(before.length);
  });

  it("cannot finish a provider edit", async () => {
    await grantRole(app.deps.db, MEMBER_ADMIN, "admin");
    const providerId = await createProvider(app.deps.db, "РЕВК");
    const m = app.sim.user({ id: MEMBER_ADMIN, language_code: "ru" });
    await m.send("/menu");
    await m.press("🏫 Организации");
    await m.press("НОЦ «Центр защиты прав детей»");
    await m.press("Руководитель");
    await revokeAdminMembership();
    await m.send("Посторонний Б. В.");
    expect(m.lastText()).toBe("Ваша роль отозвана, пока вы заполняли форму. Ничего не сохранено.");
    expect(m.inlineButtons()).toContain("🏠 Меню");
    const provider = await app.deps.db
      .selectFrom("providers")
      .select("head_name")
      .where("id", "=", providerId)
      .executeTakeFirstOrThrow();
    expect(provider.head_name).toBe("Мұқанова Гүлнар Серікқызы");
  });
  it("cannot finish a district coordinator's employee edit once an admin revoked the role", async () => {
    const coordinatorId = 8410;
    await grantRole(app.deps.db, coordinatorId, "district_coordinator", { unitId: abaiDistrict });
    const employeeId = await createEmployee(app.deps.db, {
      unitId: abaiDistrict,
      lastName: "Өзгертілмес",
      position: "бас маман",
    });
    const c = app.sim.user({ id: coordinatorId, first_name: "Нұрлан", language_code: "ru" });
    await c.send("/start");
    await c.press("👥 Работники");
    await c.press(/Өзгертілмес/);
    await c.press("Должность");

    const a = admin();
    await a.send("/menu");
    await a.press("👥 Координаторы");
    await a.press("Нұрлан · Абайский район");
    await a.press("🚫 Отозвать роль");
    await a.press("✅ Да, отозвать роль");

    await c.send("руководитель отдела");
    expect(c.lastText()).toBe("Это действие вам недоступно.");
    const employee = await app.deps.db
      .selectFrom("employees")
      .select("position")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow();
    expect(employee.position).toBe("бас маман");
  });
});

describe("unused invite links", () => {
  it("after picking a region there is a way back, the link has a way on, and an unused link can be cancelled once", async () => {
    const a = admin();
    await a.send("/menu");
    await a.press("✉️ Пригласить координатора");
    await a.press("🏘 Координатор района");
    await a.press("Область Абай");
    expect(a.lastText()).toBe("Выберите район (город областного значения):");
    await a.press("‹ Назад");
    expect(a.lastText()).toBe("Выберите область (город республиканского значения, столицу):");
    await a.press("‹ Назад");
    expect(a.lastText()).toBe("Какого координатора вы приглашаете?");
    await a.press("🏛 Координатор области (города)");
    await a.press("Область Абай");
    const link = linkIn(a.lastText());
    expect(a.inlineButtons()).toEqual([
      "✉️ Пригласить ещё одного",
      "🔗 Неиспользованные ссылки",
      "🏠 Меню",
    ]);

    await a.press("🔗 Неиспользованные ссылки");
    // The link's message stays as it was: the list comes as a new message.
    expect(a.texts().at(-2)).toContain(link);
    await a.press(/^Координатор областного \(городского\) органа: /);
    expect(a.lastText()).toContain("Выдана: Асель Нұрова");
    const card = a.lastMessage.message_id;
    await a.press("🗑 Отменить ссылку");
    expect(a.lastText()).toBe("✅ Ссылка отменена: по ней больше нельзя войти.");
    expect(a.inlineButtons()).toEqual(["‹ К списку ссылок", "🏠 Меню"]);

    const invite = await app.deps.db
      .selectFrom("invites")
      .select(["id", "cancelled_by"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(invite.cancelled_by).toBe(ADMIN);
    // The second admin presses the same cancel: told who did it and when.
    const b = secondAdmin();
    await b.send("/menu");
    await b.pressCallbackData(
      routes.inviteLinkCancel.pack({ grant: { role: "admin" }, invite: invite.id }),
      b.lastMessage.message_id,
    );
    expect(b.lastText()).toMatch(/^Это уже сделано: Асель Нұрова, /);
    expect(card).toBeGreaterThan(0);

    const late = app.sim.user({ id: 8500, language_code: "kk" });
    await late.send(`/start ${link}`);
    expect(late.texts().join("\n")).toContain("Бұл шақыру сілтемесінің күші жойылған");
    const memberships = await app.deps.db
      .selectFrom("memberships")
      .select("id")
      .where("telegram_user_id", "=", 8500)
      .execute();
    expect(memberships).toEqual([]);
    const audits = await app.deps.db
      .selectFrom("audit_log")
      .select("actor_telegram_id")
      .where("action", "=", "invite.cancel")
      .where("entity_id", "=", String(invite.id))
      .execute();
    expect(audits).toEqual([{ actor_telegram_id: ADMIN }]);
  });

  it("a district coordinator sees and cancels only the links of their district; the maker is told", async () => {
    const district = 8600;
    const colleague = 8601;
    await grantRole(app.deps.db, district, "district_coordinator", { unitId: abaiDistrict });
    await grantRole(app.deps.db, colleague, "district_coordinator", { unitId: abaiDistrict });
    await createEmployee(app.deps.db, {
      unitId: abaiDistrict,
      lastName: "Сілтемеұлы",
      patronymic: null,
    });
    const elsewhere = await unitId(app.deps.db, KATO.semeyCity);
    const foreignEmployee = await createEmployee(app.deps.db, {
      unitId: elsewhere,
      lastName: "Бөтенов",
    });
    // An admin's link for an employee of another city.
    const a = admin();
    await a.send("/menu");
    await a.pressCallbackData(
      routes.employeeInviteLink.pack({ grant: { role: "admin" }, employee: foreignEmployee }),
      a.lastMessage.message_id,
    );
    const foreignInvite = await app.deps.db
      .selectFrom("invites")
      .select("id")
      .where("employee_id", "=", foreignEmployee)
      .executeTakeFirstOrThrow();

    const c = app.sim.user({ id: colleague, first_name: "Мадина", language_code: "ru" });
    await c.send("/start");
    await c.press("✉️ Пригласить работников");
    await c.press(/^Сілтемеұлы/);
    await c.press("‹ К списку работников");
    expect(c.lastText()).toContain("Работников, ещё не подключившихся к боту");

    const d = app.sim.user({ id: district, language_code: "ru" });
    await d.send("/start");
    await d.press("✉️ Пригласить работников");
    await d.press("🔗 Неиспользованные ссылки");
    expect(d.inlineButtons().some((b) => b.startsWith("Сілтемеұлы"))).toBe(true);
    expect(d.inlineButtons().some((b) => b.startsWith("Бөтенов"))).toBe(false);
    const ownDistrict = { role: "district_coordinator", unitId: abaiDistrict } as const;
    await d.pressCallbackData(
      routes.inviteLinkCancel.pack({ grant: ownDistrict, invite: foreignInvite.id }),
      d.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });

    await d.press(/^Сілтемеұлы/);
    expect(d.lastText()).toContain("Выдана: Мадина");
    await d.press("🗑 Отменить ссылку");
    expect(d.lastText()).toBe("✅ Ссылка отменена: по ней больше нельзя войти.");
    expect(c.lastText()).toBe(
      "Выданная вами ссылка-приглашение (Сілтемеұлы Әйгерім) отменена другим координатором или администратором.",
    );
    const stillOpen = await app.deps.db
      .selectFrom("invites")
      .select("cancelled_at")
      .where("id", "=", foreignInvite.id)
      .executeTakeFirstOrThrow();
    expect(stillOpen.cancelled_at).toBeNull();
  });
});
