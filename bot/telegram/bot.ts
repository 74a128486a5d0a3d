// Builds the bot; starts nothing. main.ts runs it, tests drive it through the
// simulator by passing `client.fetch` and `botInfo` in `botConfig`.
import { autoRetry } from "@grammyjs/auto-retry";
import {
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import { Api, Bot, type BotConfig, type Context, type MiddlewareFn } from "grammy";
import { initI18n, isLanguage, translator } from "../i18n/index.js";
import { budgetTransformer } from "../reminders/send-budget.js";
import type { AppDeps } from "../services/deps.js";
import type { BotContext, ConversationContext } from "./context.js";
import { COORDINATOR_INVITE, coordinatorInvite } from "./conversations/coordinator-invite.js";
import { employeeForm, employeeSearch } from "./conversations/employee-form.js";
import { EMPLOYEE_IMPORT, employeeImport } from "./conversations/employee-import.js";
import { TRANSFER_REQUEST, transferRequest } from "./conversations/transfer-request.js";
import { aboutFeature } from "./features/about.js";
import { ACCESS_LOG_SEARCH, accessLogFeature, accessLogSearch } from "./features/access-log.js";
import { adminFeature } from "./features/admin.js";
import { adminProvidersFeature, PROVIDER_FORM, providerForm } from "./features/admin-providers.js";
import { cancelFeature } from "./features/cancel.js";
import { cohortsFeature } from "./features/cohorts/index.js";
import { complianceChartsFeature } from "./features/compliance-charts.js";
import { contactFeature } from "./features/contact.js";
import { coordinatorsFeature } from "./features/coordinators.js";
import { documentsFeature } from "./features/documents.js";
import { employeeFeature } from "./features/employee.js";
import { employeeInvitesFeature } from "./features/employee-invites.js";
import { EMPLOYEE_FORM, EMPLOYEE_SEARCH, employeesFeature } from "./features/employees.js";
import { inviteLinksFeature } from "./features/invite-links.js";
import { LIST_REASON, listReason, listsFeature } from "./features/lists.js";
import { menusFeature } from "./features/menus.js";
import { overviewFeature } from "./features/overview.js";
import { CORRECTION_REQUEST, correctionRequest, privacyFeature } from "./features/privacy.js";
import { providerFeature } from "./features/provider/index.js";
import { regionFeature } from "./features/region/index.js";
import { remindersFeature } from "./features/reminders.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
import { verifyFeature } from "./features/verify.js";
import { chatLock } from "./middleware/chat-lock.js";
import { consentGate } from "./middleware/consent-gate.js";
import { errorBoundary } from "./middleware/error-boundary.js";
import { identify } from "./middleware/identify.js";
import { skipUnchangedEdit } from "./middleware/skip-unchanged-edit.js";
import { CONVERSATION_STATE_PREFIX, chatStateStorage } from "./state-storage.js";

/** Bump when a conversation changes shape, so stale saved conversations restart. */
const CONVERSATION_STATE_VERSION = 2;
const DAY_MS = 86_400_000;

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

export async function createBot(
  deps: AppDeps,
  botConfig: BotConfig<BotContext> = {},
): Promise<Bot<BotContext>> {
  await initI18n();
  const bot = new Bot<BotContext>(deps.config.botToken, {
    ...botConfig,
    client: { apiRoot: deps.config.botApiRoot, ...botConfig.client },
  });

  // Replies take their slot in the message budget shared with the outbox sender; one
  // that still meets a 429 waits retry_after and is sent (grammY's auto-retry).
  if (deps.budget) bot.api.config.use(budgetTransformer(deps.budget));
  bot.api.config.use(
    autoRetry({
      maxDelaySeconds: 30,
      maxRetryAttempts: 5,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );

  // The error boundary comes before the chat lock: a lock that cannot be had (the
  // database unreachable, a timeout) is logged and the person still gets an apology.
  bot.use(attachDeps(deps));
  bot.use(errorBoundary);
  bot.use(skipUnchangedEdit);
  bot.use(chatLock(deps.database));
  bot.use(identify);
  bot.use(consentGate);
  bot.use(
    conversations<BotContext, ConversationContext>({
      // Each step's context gets the person's language and `t`, and replies keep
      // their place in the shared message budget, as outside.
      plugins: async (conversation) => {
        const lang = await conversation.external((outside) => outside.lang);
        return [
          (ctx, next) => {
            ctx.lang = lang;
            ctx.t = translator(lang);
            if (deps.budget) ctx.api.config.use(budgetTransformer(deps.budget));
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
  // Areas that register their own conversations, before the other features as the
  // conversations above are.
  bot.use(cohortsFeature, providerFeature, regionFeature);
  for (const [builder, id] of [
    [coordinatorInvite, COORDINATOR_INVITE],
    [transferRequest, TRANSFER_REQUEST],
    [employeeForm, EMPLOYEE_FORM],
    [employeeSearch, EMPLOYEE_SEARCH],
    [employeeImport, EMPLOYEE_IMPORT],
    [listReason, LIST_REASON],
    [providerForm, PROVIDER_FORM],
    [correctionRequest, CORRECTION_REQUEST],
    [accessLogSearch, ACCESS_LOG_SEARCH],
  ] as const) {
    bot.use(createConversation(builder, { id, maxMillisecondsToWait: DAY_MS }));
  }
  bot.use(startFeature, menusFeature, contactFeature, aboutFeature, employeeInvitesFeature);
  bot.use(employeeFeature, documentsFeature, verifyFeature);
  bot.use(employeesFeature, listsFeature, overviewFeature, adminProvidersFeature);
  bot.use(remindersFeature);
  bot.use(complianceChartsFeature);
  bot.use(adminFeature, coordinatorsFeature, inviteLinksFeature);
  bot.use(privacyFeature, accessLogFeature);
  bot.use(unhandledFeature);

  bot.catch((error) => {
    deps.logger.error(
      { err: error.error, updateId: error.ctx.update.update_id },
      "unhandled bot error",
    );
  });
  return bot;
}
