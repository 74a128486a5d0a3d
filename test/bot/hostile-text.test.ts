// Texts that are valid in Telegram but not in PostgreSQL's JSON: a lone UTF-16
// surrogate (half an emoji, as a fuzzer or a broken client sends it) and NUL. A
// conversation keeps the updates it waits on in the database as JSON; such a text
// must not make that write fail (it did: "invalid input syntax for type json").
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import { grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const COORDINATOR = 9_801;
let app: TestBot;
const errors: string[] = [];

beforeAll(async () => {
  app = await startTestBot();
  app.deps.logger = createLogger(
    "error",
    new Writable({
      write(chunk, _encoding, done) {
        errors.push(String(chunk));
        done();
      },
    }),
  );
  const district = await unitId(app.deps.db, KATO.abaiDistrict);
  await grantRole(app.deps.db, COORDINATOR, "district_coordinator", { unitId: district });
});
afterAll(() => app.database.close());

describe("a text PostgreSQL's JSON cannot hold", () => {
  it.each([
    ["half an emoji", "Жұма\ud83dбаева"],
    ["NUL", "Жұма\u0000баева"],
  ])(
    "(%s) in the middle of a conversation gets an answer, and the conversation goes on",
    async (_, text) => {
      const user = app.sim.user({ id: COORDINATOR, language_code: "ru" });
      await user.send("/menu");
      await user.press("👥 Работники");
      await user.press("➕ Добавить");
      const before = user.messages.length;
      await user.send(text);
      expect(user.messages.length).toBeGreaterThan(before);
      expect(user.lastText()).toContain("ИИН");
      await user.send("/cancel");
      expect(user.lastText()).toContain("Отменено");
      expect(errors).toEqual([]);
    },
  );
});
