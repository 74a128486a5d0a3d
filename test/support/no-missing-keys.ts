// Runs after every test file: no text the bot looked up may be missing in either
// language (i18next would have shown the key itself to a person).
import { afterAll, expect } from "vitest";
import { missingKeys } from "../../bot/i18n/index.js";

afterAll(() => {
  expect([...missingKeys]).toEqual([]);
});
