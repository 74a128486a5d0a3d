// Kazakhstan moved to a single time zone, UTC+5, on 1 March 2024. Old time-zone
// data still puts Asia/Almaty at UTC+6, which would shift every deadline and
// reminder by an hour, so the bot refuses to start on such a runtime.
export function almatyOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Almaty",
    timeZoneName: "longOffset",
  }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

export function checkAlmatyTimeZone(now: Date): string | null {
  const offset = almatyOffsetMinutes(now);
  if (offset === 5 * 60) return null;
  return (
    `This runtime's time-zone data puts Asia/Almaty at UTC${offset >= 0 ? "+" : ""}${offset / 60}, ` +
    "but Kazakhstan has been on UTC+5 since 1 March 2024. Update Node.js (or its ICU/tzdata) " +
    "to a version released after that change; deadlines and reminders would be an hour off otherwise."
  );
}
