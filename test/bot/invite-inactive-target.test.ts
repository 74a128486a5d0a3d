// An employee invite for a record deactivated after the link was
// made bound the account and said "Ваша роль: .". It is refused with a clear
// message, and so is a coordinator invite for an organization deactivated since.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmployee, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const ADMIN = 8800;
const COORDINATOR = 8801;
let app: TestBot;
let district: number;

beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN] });
  district = await unitId(app.deps.db, KATO.abaiDistrict);
  await grantRole(app.deps.db, COORDINATOR, "district_coordinator", { unitId: district });
});
afterAll(() => app.database.close());

function linkIn(text: string): string {
  const match = /https:\/\/t\.me\/\w+\?start=(i-[\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no invite link in: ${text}`);
  return match[1];
}

describe("an invite whose target was deactivated after the link was made", () => {
  it("for an employee record: refused with a clear message, the account is not bound", async () => {
    const employeeId = await createEmployee(app.deps.db, {
      unitId: district,
      lastName: "Кетуші",
      patronymic: null,
    });
    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await coordinator.send("/start");
    await coordinator.press("👥 Работники");
    await coordinator.press(/Кетуші/);
    await coordinator.press("✉️ Ссылка-приглашение");
    const payload = linkIn(coordinator.lastText());
    await coordinator.press("⏸ Исключить из списка");
    await coordinator.press("Да, исключить");
    expect(coordinator.lastText()).toContain("Работник исключён из активного списка");

    const person = app.sim.user({ id: 8802, language_code: "ru" });
    await person.send(`/start ${payload}`);
    const said = person.texts().join("\n");
    expect(said).toContain(
      "Работник, для которого выдана эта ссылка, исключён из активного списка: войти по ней нельзя.",
    );
    expect(said).not.toContain("Ваша роль");
    expect(person.lastText()).toContain("Вам ещё не назначена ни одна роль");
    const employee = await app.deps.db
      .selectFrom("employees")
      .select("telegram_user_id")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow();
    expect(employee.telegram_user_id).toBeNull();
    const bound = await app.deps.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "employee.bind_telegram")
      .where("entity_id", "=", String(employeeId))
      .execute();
    expect(bound).toEqual([]);
  });

  it("for a coordinator of an organization deactivated since: refused, no role granted", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "kk" });
    await admin.send("/start");
    await admin.press("🏫 Ұйымдар");
    await admin.press("➕ Ұйым қосу");
    await admin.send("«Жабылатын» оқу орталығы");
    await admin.send("Учебный центр «Жабылатын»");
    await admin.send("Омарова Д. Е.");
    await admin.send("ЖБЛ");
    await admin.press("✉️ Үйлестірушіні шақыру");
    await admin.press("🏫 Ұйым үйлестірушісі");
    await admin.press("«Жабылатын» оқу орталығы");
    const payload = linkIn(admin.lastText());
    await admin.press("🏠 Мәзір");
    await admin.press("🏫 Ұйымдар");
    await admin.press("«Жабылатын» оқу орталығы");
    await admin.press("⏸ Белсенді емес ету");
    expect(admin.inlineButtons()).toContain("‹ Ұйымға оралу");

    const person = app.sim.user({ id: 8803, language_code: "kk" });
    await person.send(`/start ${payload}`);
    const said = person.texts().join("\n");
    expect(said).toContain(
      "Бұл сілтеме берілген ұйым белсенді емес деп белгіленген: ол арқылы кіруге болмайды.",
    );
    expect(said).not.toContain("Сіздің рөліңіз");
    const memberships = await app.deps.db
      .selectFrom("memberships")
      .select("id")
      .where("telegram_user_id", "=", 8803)
      .execute();
    expect(memberships).toEqual([]);
  });
});
