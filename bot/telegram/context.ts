// The one place that defines what a handler's `ctx` carries.
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { ConsentSubject, Language, TelegramUser } from "../../db/types.js";
import type { Logger } from "../core/logger.js";
import type { AppDeps } from "../deps.js";
import type { TFunction } from "../i18n/index.js";
import type { ConsentState } from "../services/consent.js";
import type { RoleGrant } from "../services/people.js";
import type { PrefetchedState } from "./state-storage.js";

export interface Person {
  telegramId: number;
  record: TelegramUser;
  /** The roles the person may use now (those whose personal-data notice they agreed to). */
  grants: RoleGrant[];
  /** Roles held back until the person agrees to the notice (see middleware/consent-gate.ts). */
  heldBack?: RoleGrant[];
  /** Their answers to the current notices. */
  consent?: Record<ConsentSubject, ConsentState>;
}

interface AppFlavor {
  deps: AppDeps;
  log: Logger;
  /** The person's language: their choice, else Telegram's when kk/ru, else Kazakh. */
  lang: Language;
  /** Whether the person has chosen a language (or Telegram told us one we have). */
  langKnown: boolean;
  t: TFunction;
  /** Undefined only for updates without a sender (channel posts and the like). */
  person?: Person;
  /** The chat's saved conversation, read along with the person (see identify). */
  prefetchedState?: PrefetchedState;
}

export type BotContext = ConversationFlavor<Context & AppFlavor>;
/**
 * Context inside conversations: rebuilt by the plugin for every step, with the
 * person's language and `t` put back by the plugins of bot.ts.
 */
export type ConversationContext = Context & { lang: Language; t: TFunction };
