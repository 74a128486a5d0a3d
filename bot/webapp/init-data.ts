// Who opened the Mini App: Telegram signs the launch's init data with a key derived
// from the bot token, so a request carrying it proves the Telegram user it names.
// Every API request sends it (header `Authorization: tma <init data>`); it is checked
// each time, and refused when forged or older than the configured age (an hour by
// default), so a copied link stops working.
import { parse, sign, validate } from "@telegram-apps/init-data-node";
import type { TelegramProfile } from "../services/people.js";

export interface InitDataUser extends TelegramProfile {
  language_code?: string;
}

/** The signed user of `initData`, or undefined when it is missing, forged or too old. */
export function verifiedUser(
  initData: string,
  botToken: string,
  maxAgeSeconds: number,
): InitDataUser | undefined {
  if (!initData) return undefined;
  try {
    validate(initData, botToken, { expiresIn: maxAgeSeconds });
    const user = parse(initData).user;
    if (!user || user.is_bot) return undefined;
    return {
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      username: user.username,
      language_code: user.language_code,
    };
  } catch {
    return undefined;
  }
}

/**
 * Init data as Telegram would sign it for `user`: the playground opens the app with
 * it for its demo people, and tests sign good, forged and old ones.
 */
export function signInitData(user: InitDataUser, botToken: string, authDate: Date): string {
  return sign({ user: { ...user, allows_write_to_pm: true } }, botToken, authDate);
}

/** The init data of a request's `Authorization: tma …` header, or "". */
export function initDataOf(authorization: string | undefined): string {
  const match = /^tma (.+)$/s.exec(authorization ?? "");
  return match?.[1] ?? "";
}
