// Builds the bot; starts nothing. main.ts runs it, tests drive it through the
// simulator by passing `client.fetch` and `botInfo` in `botConfig`.
import { autoRetry } from "@grammyjs/auto-retry";
import { type ConversationData, conversations, type VersionedState } from "@grammyjs/conversations";
import { Api, Bot, type BotConfig, type MiddlewareFn } from "grammy";
import type { AppDeps } from "../deps.js";
import { initI18n, isLanguage, translator } from "../i18n/index.js";
import { budgetTransformer } from "../outbox/send-budget.js";
import type { BotContext, ConversationContext } from "./context.js";
import { aboutFeature } from "./features/about.js";
import { accessArea } from "./features/access/index.js";
import { cancelFeature } from "./features/cancel.js";
import { cohortsFeature } from "./features/cohorts/index.js";
import { contactFeature } from "./features/contact.js";
import { employeeArea } from "./features/employee/index.js";
import { employeesArea } from "./features/employees/index.js";
import { listsArea } from "./features/lists/index.js";
import { menusFeature } from "./features/menus.js";
import { overviewArea } from "./features/overview/index.js";
import { privacyArea } from "./features/privacy/index.js";
import { providerFeature } from "./features/provider/index.js";
import { regionFeature } from "./features/region/index.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
import { verifyFeature } from "./features/verify.js";
import { htmlParseMode } from "./html-parse-mode.js";
import { chatLock } from "./middleware/chat-lock.js";
import { consentGate } from "./middleware/consent-gate.js";
import { errorBoundary } from "./middleware/error-boundary.js";
import { identify } from "./middleware/identify.js";
import { privateChatsOnly } from "./middleware/private-chats-only.js";
import { skipUnchangedEdit } from "./middleware/skip-unchanged-edit.js";
import { timeUpdates } from "./middleware/timing.js";
import { CONVERSATION_STATE_PREFIX, chatStateStorage } from "./state-storage.js";

/** Bump when a conversation changes shape, so stale saved conversations restart. */
const CONVERSATION_STATE_VERSION = 4;

function attachDeps(deps: AppDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ updateId: ctx.update.update_id });
    // Telegram's language until `identify` reads the stored one: an apology for a
    // failure before that (the chat lock, the database) is then in the right language.
    ctx.lang = isLanguage(ctx.from?.language_code) ? ctx.from.language_code : "kk";
    ctx.langKnown = false;
    ctx.t = translator(ctx.lang);
    const started = performance.now();
    await next();
    // One line per update: what kind, which button or command, how long (no texts, no ids of people).
    ctx.log.debug(
      {
        kind: Object.keys(ctx.update).find((k) => k !== "update_id"),
        action: ctx.callbackQuery?.data?.split(":")[0] ?? ctx.message?.text?.match(/^\/\w+/)?.[0],
        ms: Math.round(performance.now() - started),
      },
      "update handled",
    );
  };
}

/**
 * The same Telegram connection without the reply transformers: the outbox sender
 * paces itself in the budget and handles its own 429s (pausing, retrying later).
 */
export function senderApi(bot: Bot<BotContext>): Api {
  return new Api(bot.token, bot.api.options);
}

/**
 * What every call to Telegram goes through, outside conversations and inside (whose
 * steps get an Api of their own): replies take their slot in the message budget shared
 * with the outbox sender; one that still meets a 429 waits retry_after and is sent
 * (grammY's auto-retry); texts are HTML unless a call says otherwise.
 */
function installTransformers(api: Api, deps: AppDeps): void {
  if (deps.budget) api.config.use(budgetTransformer(deps.budget));
  api.config.use(
    autoRetry({
      maxDelaySeconds: 30,
      maxRetryAttempts: 5,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  api.config.use(htmlParseMode);
}

export async function createBot(
  deps: AppDeps,
  botConfig: BotConfig<BotContext> = {},
): Promise<Bot<BotContext>> {
  await initI18n();
  const bot = new Bot<BotContext>(deps.config.botToken, {
    ...botConfig,
    client: { apiRoot: deps.config.botApiRoot, ...botConfig.client },
  });

  installTransformers(bot.api, deps);

  // The error boundary comes before the chat lock: a lock that cannot be had (the
  // database unreachable, a timeout) is logged and the person still gets an apology.
  bot.use(attachDeps(deps));
  if (deps.metrics) bot.use(timeUpdates(deps.metrics));
  // Groups and channels first: nothing of anyone's role may reach them, not even an apology.
  bot.use(privateChatsOnly);
  bot.use(errorBoundary);
  bot.use(skipUnchangedEdit);
  bot.use(chatLock(deps.database, (seconds) => deps.metrics?.chatLockWait.observe(seconds)));
  bot.use(identify);
  bot.use(consentGate);
  bot.use(
    conversations<BotContext, ConversationContext>({
      // Each step's context gets the person's language and `t`, and its Api the
      // same transformers as outside.
      plugins: async (conversation) => {
        const lang = await conversation.external((outside) => outside.lang);
        return [
          (ctx, next) => {
            ctx.lang = lang;
            ctx.t = translator(lang);
            installTransformers(ctx.api, deps);
            return next();
          },
        ];
      },
      storage: {
        type: "context",
        version: CONVERSATION_STATE_VERSION,
        adapter: chatStateStorage<BotContext, VersionedState<ConversationData>>(
          deps.db,
          CONVERSATION_STATE_PREFIX,
        ),
      },
    }),
  );
  bot.use(cancelFeature);
  // Each area registers its conversations before its screens, and its screens leave
  // a person inside a conversation (of any area) to that conversation.
  bot.use(cohortsFeature, providerFeature, regionFeature);
  bot.use(listsArea, employeesArea, overviewArea, employeeArea, privacyArea, accessArea);
  bot.use(startFeature, menusFeature, contactFeature, aboutFeature, verifyFeature);
  bot.use(unhandledFeature);

  bot.catch((error) => {
    deps.logger.error(
      { err: error.error, updateId: error.ctx.update.update_id },
      "unhandled bot error",
    );
  });
  return bot;
}
