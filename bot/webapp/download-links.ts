// Files from the Mini App. Telegram's clients download a file by its address
// (`WebApp.downloadFile`), without the app's Authorization header, so a file is
// fetched by a short-lived link: the API path it came from, the person and an
// expiry, signed with a key derived from the bot token. The link is answered by
// running that same API request as that person again, so the role and scope checks
// and the access log apply at download time exactly as they do in the page.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Language } from "../../db/types.js";

const LINK_LIFETIME_SECONDS = 300;

interface LinkClaims {
  /** The Telegram user the link was made for. */
  u: number;
  /** The API path and query below /app/api/, e.g. "g/d12/register.xlsx?status=overdue". */
  p: string;
  /** Expiry, Unix seconds. */
  e: number;
  /** The page's language when the link was made, so the file is in it too. */
  l: Language;
}

function keyOf(botToken: string): Buffer {
  return createHmac("sha256", "biliktilik-webapp-download").update(botToken).digest();
}

function mac(body: string, botToken: string): Buffer {
  return createHmac("sha256", keyOf(botToken)).update(body).digest();
}

export function signDownload(
  person: { telegramId: number; language: Language },
  apiPath: string,
  botToken: string,
  now: Date,
): string {
  const claims: LinkClaims = {
    u: person.telegramId,
    p: apiPath,
    e: Math.floor(now.getTime() / 1000) + LINK_LIFETIME_SECONDS,
    l: person.language,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${mac(body, botToken).toString("base64url")}`;
}

/** The link's person and API path, or undefined when forged or expired. */
export function verifyDownload(
  token: string,
  botToken: string,
  now: Date,
): { telegramId: number; apiPath: string; language: Language } | undefined {
  const [body, signature] = token.split(".");
  if (!body || !signature) return undefined;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(body, botToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as LinkClaims;
    if (claims.e * 1000 < now.getTime()) return undefined;
    return {
      telegramId: claims.u,
      apiPath: claims.p,
      language: claims.l === "ru" ? "ru" : "kk",
    };
  } catch {
    return undefined;
  }
}
