// Structured JSON logs (pino). Tokens and IINs never reach a log line: known fields
// are redacted by path, and every string is scrubbed of token- and IIN-shaped text.
import { type Logger, pino } from "pino";

export type { Logger };

const TOKEN_PATTERN = /\d{6,}:[\w-]{30,}/g;
const IIN_PATTERN = /(?<!\d)\d{12}(?!\d)/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, "[token]").replace(IIN_PATTERN, "[iin]");
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubSecrets(value.message),
      stack: scrubSecrets(value.stack ?? ""),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["token", "*.token", "iin", "*.iin", "*.*.iin", "headers.authorization"],
        censor: "[redacted]",
      },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
