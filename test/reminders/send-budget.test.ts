// The message budget paces the outbox sender only: a direct answer to a person goes at
// once, whatever the broadcast has used, and what replies use is left out of the
// sender's share. The clock is vitest's fake one, so "at once" means "without any
// time passing", not a measured duration.
import type { Transformer } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { budgetTransformer, SendBudget } from "../../bot/outbox/send-budget.js";

type Prev = Parameters<Transformer>[0];
const ok = (async () => ({ ok: true, result: true })) as unknown as Prev;
const tooMany = (async () => ({
  ok: false,
  error_code: 429,
  description: "Too Many Requests: retry after 3",
  parameters: { retry_after: 3 },
})) as unknown as Prev;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2027-03-02T12:00:00+05:00") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the message budget", () => {
  it("lets a reply go at once although the sender has used the whole second", async () => {
    const budget = new SendBudget();
    for (let i = 0; i < 30; i++) budget.recordSend();
    expect(budget.senderWait()).toBeGreaterThan(0);
    const reply = budgetTransformer(budget)(ok, "sendMessage", { chat_id: 1, text: "x" });
    // Settles on microtasks alone: no timer had to fire for the reply to go.
    let settled = false;
    void reply.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves the sender only what replies have not used", async () => {
    const budget = new SendBudget();
    const transformer = budgetTransformer(budget);
    for (let i = 0; i < 10; i++)
      await transformer(ok, "editMessageText", { chat_id: i, message_id: 1, text: "x" });
    for (let i = 0; i < 20; i++) {
      expect(budget.senderWait()).toBe(0);
      budget.recordSend();
    }
    expect(budget.senderWait()).toBeGreaterThan(0);
    // A second later the window is empty again.
    vi.advanceTimersByTime(1100);
    expect(budget.senderWait()).toBe(0);
  });

  it("does not count answers to buttons or chat actions as messages", async () => {
    const budget = new SendBudget();
    const transformer = budgetTransformer(budget);
    for (let i = 0; i < 40; i++) {
      await transformer(ok, "answerCallbackQuery", { callback_query_id: String(i) });
      await transformer(ok, "sendChatAction", { chat_id: i, action: "typing" });
    }
    expect(budget.localUse().replies).toBe(0);
    expect(budget.senderWait()).toBe(0);
  });

  it("pauses the sender for retry_after when a reply meets a 429, and replies still go", async () => {
    const budget = new SendBudget();
    const transformer = budgetTransformer(budget);
    const refused = await transformer(tooMany, "sendMessage", { chat_id: 1, text: "x" });
    expect(refused.ok).toBe(false);
    expect(budget.senderWait()).toBeGreaterThan(2900);
    const next = await transformer(ok, "sendMessage", { chat_id: 2, text: "y" });
    expect(next.ok).toBe(true);
    vi.advanceTimersByTime(3100);
    expect(budget.senderWait()).toBe(0);
  });

  it("counts the replies other processes reported against the sender", () => {
    const budget = new SendBudget();
    budget.setRemoteUse(25, 0);
    for (let i = 0; i < 5; i++) budget.recordSend();
    expect(budget.senderWait()).toBeGreaterThan(0);
  });
});
