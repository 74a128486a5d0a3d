// JSON for PostgreSQL's json/jsonb columns. JavaScript strings may hold what
// PostgreSQL's JSON refuses: a lone UTF-16 surrogate (half an emoji) and NUL
// ("invalid input syntax for type json"). Telegram delivers both, so every value
// written as JSON goes through here: a lone surrogate becomes U+FFFD (as UTF-8
// encoding would make it anyway) and NUL is dropped.
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "string" ? item.toWellFormed().replaceAll("\u0000", "") : item,
  );
}
