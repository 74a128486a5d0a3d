// The bot works in private chats only. Someone adds it to a group, a supergroup or a
// channel, or writes /start or /menu@bot there: the bot posts nothing there — no
// role menu, no name, no record — and leaves the chat. In the private chat the same
// person still gets their menu.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimGroup, SimUser } from "../simulator/index.js";
import { grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const REGIONAL = 9910;
let app: TestBot;
let coordinator: SimUser;

beforeAll(async () => {
  app = await startTestBot({ canJoinGroups: true });
  await grantRole(app.deps.db, REGIONAL, "regional_coordinator", {
    unitId: await unitId(app.deps.db, KATO.abaiRegion),
  });
  coordinator = app.sim.user({ id: REGIONAL, language_code: "ru" });
  await coordinator.send("/start");
});
afterAll(() => app.database.close());

/** The bot's calls of Telegram about this chat. */
function callsTo(group: SimGroup) {
  return app.sim.calls.filter((c) => Number(c.params.chat_id) === group.id).map((c) => c.method);
}

/** Nothing was posted in the group, the bot left it, and the private chat got nothing. */
function leftSilently(group: SimGroup, privateBefore: number) {
  expect(group.messages).toEqual([]);
  expect(callsTo(group)).toEqual(["leaveChat"]);
  expect(group.botIsMember).toBe(false);
  expect(coordinator.messages.length).toBe(privateBefore);
}

describe("the bot added to a group", () => {
  it("leaves at once, posting nothing", async () => {
    const before = coordinator.messages.length;
    const group = app.sim.group("group", "Облыс үйлестірушілері");
    await group.addBot(coordinator);
    leftSilently(group, before);
  });

  it("answers /start there with nothing of the coordinator's role, and leaves", async () => {
    const before = coordinator.messages.length;
    const group = app.sim.group("group");
    await group.addBot(coordinator, { announced: false });
    await group.send(coordinator, "/start");
    leftSilently(group, before);
  });

  it("answers /menu@bot in a supergroup with nothing either, and leaves", async () => {
    const before = coordinator.messages.length;
    const group = app.sim.group("supergroup", "Балалар құқықтары");
    await group.addBot(coordinator, { announced: false });
    await group.send(coordinator, `/menu@${app.sim.botInfo.username}`);
    leftSilently(group, before);
    // Telegram delivers nothing more from a chat the bot has left.
    await group.send(coordinator, "/menu");
    expect(callsTo(group)).toEqual(["leaveChat"]);
  });
});

describe("the bot added to a channel", () => {
  it("leaves at once; a post there gets nothing and the bot leaves", async () => {
    const before = coordinator.messages.length;
    const channel = app.sim.group("channel", "Жаңалықтар");
    await channel.addBot(coordinator);
    leftSilently(channel, before);

    const older = app.sim.group("channel");
    await older.addBot(coordinator, { announced: false });
    await older.post("/start");
    leftSilently(older, before);
  });
});

describe("in the private chat", () => {
  it("the same coordinator still gets their menu", async () => {
    await coordinator.send("/menu");
    expect(coordinator.lastText()).toContain("Координатор областного (городского) органа");
    expect(coordinator.inlineButtons()).toContain("📝 Направить на обучение");
  });
});
