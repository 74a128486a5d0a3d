// The playground's engine: the production bot (createBot, every feature and
// service) connected to the strict Telegram simulator, the reminder planner run for
// every day the clock passes (at REMINDER_CRON's time of day, Almaty), and the outbox
// sender draining after every step. Everything happens one step at a time — a
// person's update, a clock move, a periodic tick — so what the page shows is what the
// bot did, in order.
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { AppDeps } from "../bot/deps.js";
import {
  computeReminders,
  DEFAULT_PLANNER_OPTIONS,
  planReminders,
} from "../bot/reminders/planner.js";
import { OutboxSender } from "../bot/reminders/sender.js";
import { addDays, almatyDate, type IsoDate } from "../bot/rules/index.js";
import type { BotContext } from "../bot/telegram/context.js";
import type { SimUser, TelegramSimulator } from "../test/simulator/index.js";
import { atAlmaty, type PlaygroundClock } from "./clock.js";
import type { DemoPerson } from "./demo-data.js";

/** Something the page should show under a message: a refusal by Telegram or a crash. */
export interface ChatNote {
  afterMessageId: number;
  text: string;
}

const MAX_DAYS_AHEAD = 400;

export interface EngineParts {
  deps: AppDeps;
  sim: TelegramSimulator;
  bot: Bot<BotContext>;
  clock: PlaygroundClock;
  people: DemoPerson[];
}

export class PlaygroundEngine {
  readonly sim: TelegramSimulator;
  readonly people: DemoPerson[];
  readonly clock: PlaygroundClock;
  readonly deps: AppDeps;
  private readonly bot: Bot<BotContext>;
  private readonly sender: OutboxSender;
  private readonly notes = new Map<number, ChatNote[]>();
  private readonly versions = new Map<number, number>();
  private readonly languages = new Map<number, "kk" | "ru">();
  private queue: Promise<unknown> = Promise.resolve();
  private plannedThrough: IsoDate;
  private readonly plannerAt: { hour: number; minute: number };

  constructor(parts: EngineParts) {
    this.deps = parts.deps;
    this.sim = parts.sim;
    this.bot = parts.bot;
    this.clock = parts.clock;
    this.people = parts.people;
    // A real sender with Telegram's pacing off: the simulator is not rate-limited and
    // the person should not wait a second per reminder. Working hours still apply.
    this.sender = new OutboxSender(
      { db: this.deps.db, api: this.bot.api, logger: this.deps.logger, clock: this.clock.now },
      { ratePerSecond: 1_000_000, perChatMs: 0 },
    );
    this.plannedThrough = addDays(this.clock.today(), -1);
    this.plannerAt = cronTimeOfDay(this.deps.config.reminderCron);
    this.sim.connect((update: Update) => this.bot.handleUpdate(update));
    this.sim.onCall((call) => this.touch(Number(call.params.chat_id)));
    this.sim.onViolation((text, chatId) => {
      if (chatId !== undefined) this.note(chatId, `Telegram: ${text}`);
    });
    for (const person of this.people) this.sim.user({ id: person.telegramId });
  }

  /** Runs one step after the ones before it; steps never interleave. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private touch(chatId: number): void {
    if (Number.isFinite(chatId)) this.versions.set(chatId, (this.versions.get(chatId) ?? 0) + 1);
  }

  private note(chatId: number, text: string): void {
    const lastId = this.sim.chatMessages(chatId).at(-1)?.message_id ?? 0;
    const list = this.notes.get(chatId) ?? [];
    list.push({ afterMessageId: lastId, text });
    this.notes.set(chatId, list);
    this.touch(chatId);
  }

  notesOf(chatId: number): readonly ChatNote[] {
    return this.notes.get(chatId) ?? [];
  }

  version(chatId: number): number {
    return this.versions.get(chatId) ?? 0;
  }

  person(telegramId: number): DemoPerson | undefined {
    return this.people.find((p) => p.telegramId === telegramId);
  }

  setLanguage(telegramId: number, language: "kk" | "ru"): void {
    this.languages.set(telegramId, language);
  }

  /** The person as Telegram sees them: their name and the app's language. */
  profile(telegramId: number) {
    const person = this.person(telegramId);
    if (!person) throw new Error(`No such person: ${telegramId}`);
    return {
      id: telegramId,
      first_name: person.firstName,
      last_name: person.lastName,
      language_code: this.languages.get(telegramId) ?? "kk",
    };
  }

  user(telegramId: number): SimUser {
    return this.sim.user(this.profile(telegramId));
  }

  /** A person's action (a message, a button, a file), then whatever the outbox has. */
  act(telegramId: number, action: (user: SimUser) => Promise<void>): Promise<void> {
    return this.serial(async () => {
      this.touch(telegramId);
      try {
        await action(this.user(telegramId));
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        // Refusals were noted as they happened; anything else (a crash) is noted here.
        if (!text.startsWith("Telegram would have refused")) this.note(telegramId, text);
      }
      await this.sendDue();
    });
  }

  /** Periodic: the planner for any day the running clock has reached, then the outbox. */
  tick(): Promise<void> {
    return this.serial(() => this.sendDue());
  }

  private async sendDue(): Promise<void> {
    await this.planPassedDays();
    await this.sender.drain();
  }

  /** Runs the planner once for every day whose planning time the clock has passed. */
  private async planPassedDays(): Promise<void> {
    const now = this.clock.now();
    for (let day = addDays(this.plannedThrough, 1); day <= almatyDate(now); day = addDays(day, 1)) {
      const runAt = atAlmaty(day, this.plannerAt.hour, this.plannerAt.minute);
      if (runAt > now) break;
      await planReminders(this.deps.db, runAt, this.plannerOptions());
      this.plannedThrough = day;
    }
  }

  private plannerOptions() {
    return {
      ...DEFAULT_PLANNER_OPTIONS,
      dueOffsets: this.deps.config.reminderDueDays,
      cohortStartOffsets: this.deps.config.reminderCohortDays,
    };
  }

  /** Moves the clock forward; the days passed are planned and the outbox sent. */
  moveClock(to: Date): Promise<void> {
    return this.serial(async () => {
      this.clock.moveTo(to);
      await this.sendDue();
    });
  }

  /**
   * The next day (from tomorrow) on which the planner has something new for this
   * person — or for anyone when no person is given —, at the hour messages go out.
   */
  nextReminderDay(telegramId?: number): Promise<Date | undefined> {
    return this.serial(async () => {
      const today = this.clock.today();
      for (let ahead = 1; ahead <= MAX_DAYS_AHEAD; ahead++) {
        const day = addDays(today, ahead);
        const runAt = atAlmaty(day, this.plannerAt.hour, this.plannerAt.minute);
        const { planned } = await computeReminders(this.deps.db, runAt, this.plannerOptions());
        const mine = planned.filter((m) => telegramId === undefined || m.telegramId === telegramId);
        if (mine.length > 0 && (await this.anyNew(mine.map((m) => m.dedupeKey))))
          return atAlmaty(day, DEFAULT_PLANNER_OPTIONS.sendFromHour);
      }
      return undefined;
    });
  }

  private async anyNew(dedupeKeys: string[]): Promise<boolean> {
    const known = await this.deps.db
      .selectFrom("outbox")
      .select("dedupe_key")
      .where("dedupe_key", "in", dedupeKeys)
      .execute();
    return known.length < new Set(dedupeKeys).size;
  }

  /** Waits for the steps in flight (used on shutdown). */
  idle(): Promise<unknown> {
    return this.queue;
  }
}

/** "30 8 * * *" → 08:30; anything fancier plans at the default 08:30. */
function cronTimeOfDay(cron: string): { hour: number; minute: number } {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  return match ? { minute: Number(match[1]), hour: Number(match[2]) } : { hour: 8, minute: 30 };
}
