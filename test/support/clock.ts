// A clock the test moves by hand, so rules and reminders can be tried on any day.
export class TestClock {
  constructor(private current: Date = new Date("2026-11-25T06:00:00Z")) {}

  readonly now = (): Date => new Date(this.current);

  /** Sets the clock to an instant, e.g. "2026-11-02T09:00:00+05:00" (Almaty). */
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}
