// The playground's clock: it runs at the speed of real time from wherever the
// person last moved it, and only moves forward (the outbox, the audit log and the
// rules all assume time does). It is the bot's `deps.clock` and Telegram's clock.
import { addDays, almatyDate, type IsoDate, startOfAlmatyDay } from "../bot/rules/index.js";

const HOUR_MS = 3_600_000;

export class PlaygroundClock {
  private offsetMs: number;

  constructor(start: Date) {
    this.offsetMs = start.getTime() - Date.now();
  }

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Moves to a later instant; refuses to go back. */
  moveTo(instant: Date): void {
    if (instant.getTime() <= this.now().getTime()) throw new Error("The clock only moves forward");
    this.offsetMs = instant.getTime() - Date.now();
  }

  today(): IsoDate {
    return almatyDate(this.now());
  }
}

/** An Almaty wall-clock time on a date: atAlmaty("2026-11-01", 9) is 09:00 there. */
export function atAlmaty(date: IsoDate, hour: number, minute = 0): Date {
  return new Date(startOfAlmatyDay(date).getTime() + hour * HOUR_MS + minute * 60_000);
}

/** The next 1 <month> (or 1 January) after today, e.g. nextFirstOf(11, "2026-11-26") = 2027-11-01. */
export function nextFirstOf(month: number, today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  const candidate = `${year}-${String(month).padStart(2, "0")}-01`;
  return candidate > today ? candidate : `${year + 1}-${candidate.slice(5)}`;
}

export { addDays };
