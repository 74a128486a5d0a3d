// Admins keep the training organizations: create, edit, deactivate.
import { Composer, type Context, InlineKeyboard } from "grammy";
import type { Language } from "../../../db/types.js";
import { escapeHtml, type TFunction } from "../../i18n/index.js";
import {
  allProviders,
  createProvider,
  PROVIDER_FIELDS,
  type PrefixRefusal,
  type ProviderField,
  setProviderActive,
  updateProvider,
  validPrefix,
} from "../../services/providers.js";
import { ADMIN_GRANT, actorOf } from "../actor.js";
import type { BotContext } from "../context.js";
import { askText, type Convo, conversationTranslator } from "../conversations/steps.js";
import { callbackData } from "../keyboards.js";
import { deny } from "./unit-scope.js";

export const PROVIDER_FORM = "provider-form";
export const adminProvidersFeature = new Composer<BotContext>();

const isAdmin = (ctx: BotContext) => ctx.person?.grants.some((g) => g.role === "admin") ?? false;

adminProvidersFeature.callbackQuery("ap", async (ctx) => {
  if (!isAdmin(ctx)) return deny(ctx);
  await ctx.answerCallbackQuery();
  const providers = await allProviders(ctx.deps.db);
  const keyboard = new InlineKeyboard();
  for (const p of providers) {
    keyboard
      .text(
        `${p.active ? "" : "⏸ "}${ctx.lang === "kk" ? p.name_kk : p.name_ru}`.slice(0, 60),
        callbackData("apv", p.id),
      )
      .row();
  }
  keyboard.text(ctx.t("providers.add_button"), "apn").row().text(ctx.t("menu.back"), "m:a");
  await ctx.reply(
    ctx.t(providers.length ? "providers.list" : "providers.none", { count: providers.length }),
    { reply_markup: keyboard },
  );
});

adminProvidersFeature.callbackQuery(/^apv:(\d+)$/, async (ctx) => {
  if (!isAdmin(ctx)) return deny(ctx);
  const provider = (await allProviders(ctx.deps.db)).find((p) => p.id === Number(ctx.match[1]));
  if (!provider) return deny(ctx);
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard();
  PROVIDER_FIELDS.forEach((field, index) => {
    keyboard.text(ctx.t(`providers.field.${field}`), callbackData("ape", provider.id, index));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard
    .row()
    .text(
      ctx.t(provider.active ? "providers.deactivate_button" : "providers.activate_button"),
      callbackData("apx", provider.id),
    );
  keyboard.row().text(ctx.t("menu.back"), "ap");
  await ctx.reply(
    ctx.t("providers.card", {
      nameKk: escapeHtml(provider.name_kk),
      nameRu: escapeHtml(provider.name_ru),
      head: escapeHtml(provider.head_name),
      prefix: escapeHtml(provider.certificate_prefix),
      state: ctx.t(provider.active ? "providers.active" : "providers.inactive"),
    }),
    { parse_mode: "HTML", reply_markup: keyboard },
  );
});

adminProvidersFeature.callbackQuery(/^apx:(\d+)$/, async (ctx) => {
  if (!isAdmin(ctx)) return deny(ctx);
  const provider = (await allProviders(ctx.deps.db)).find((p) => p.id === Number(ctx.match[1]));
  if (!provider) return deny(ctx);
  const result = await setProviderActive(ctx.deps.db, {
    id: provider.id,
    active: !provider.active,
    actor: actorOf(ctx, ADMIN_GRANT),
    now: ctx.deps.clock(),
  });
  await ctx.answerCallbackQuery();
  const text = result.ok
    ? ctx.t(provider.active ? "providers.deactivated" : "providers.activated")
    : ctx.t(`access.refused.${result.reason}`);
  await ctx.reply(text, { reply_markup: backToProvider(ctx.t, provider.id) });
});

adminProvidersFeature.callbackQuery("apn", async (ctx) => {
  if (!isAdmin(ctx)) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(PROVIDER_FORM, null, null);
});

adminProvidersFeature.callbackQuery(/^ape:(\d+):(\d)$/, async (ctx) => {
  const field = PROVIDER_FIELDS[Number(ctx.match[2])];
  if (!isAdmin(ctx) || !field) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(PROVIDER_FORM, Number(ctx.match[1]), field);
});

/** After a provider screen: back to its card, the list of organizations, or the menu. */
function backToProvider(t: TFunction, id: number | null): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (id !== null)
    keyboard.text(t("access.buttons.to_organization"), callbackData("apv", id)).row();
  return keyboard.text(t("menu.providers"), "ap").row().text(t("access.buttons.menu"), "m:home");
}

/** The text of a refused provider change: the organization holding a reserved prefix, if so. */
function providerRefusal(t: TFunction, lang: Language, refusal: PrefixRefusal): string {
  if (refusal.reason === "prefix_taken") {
    return refusal.holder
      ? t("access.prefix_reserved", { name: refusal.holder[lang] })
      : t("providers.prefix_taken");
  }
  return t(`access.refused.${refusal.reason}`);
}

/**
 * Creates a provider (all fields) or changes one field. The admin's role is checked
 * again when the change is written; a prefix reserved to another organization is
 * refused with that organization's name and asked again.
 */
export async function providerForm(
  conversation: Convo,
  ctx: Context,
  id: number | null,
  field: ProviderField | null,
) {
  const { lang, t } = await conversationTranslator(conversation);
  const ask = async (f: ProviderField) => {
    for (;;) {
      const value =
        (await askText(conversation, ctx, t, t(`providers.ask.${f}`), { max: 300 })) ?? "";
      if (f !== "certificate_prefix" || validPrefix(value)) return value;
      await ctx.reply(t("providers.prefix_invalid"));
    }
  };
  const outcome = await conversation.external(async (outside) => ({ admin: isAdmin(outside) }));
  if (!outcome.admin) return;
  const refused = async (refusal: PrefixRefusal) => {
    const keyboard = refusal.reason === "prefix_taken" ? undefined : backToProvider(t, id);
    await ctx.reply(providerRefusal(t, lang, refusal), { reply_markup: keyboard });
    return refusal.reason === "prefix_taken";
  };

  if (id !== null && field !== null) {
    for (;;) {
      const value = await ask(field);
      const result = await conversation.external((outside) =>
        updateProvider(outside.deps.db, {
          id,
          field,
          value,
          actor: actorOf(outside, ADMIN_GRANT),
          now: outside.deps.clock(),
        }),
      );
      if (result.ok) {
        await ctx.reply(t("providers.saved"), { reply_markup: backToProvider(t, id) });
        return;
      }
      if (!(await refused(result))) return;
    }
  }
  const nameKk = await ask("name_kk");
  const nameRu = await ask("name_ru");
  const headName = await ask("head_name");
  for (;;) {
    const prefix = await ask("certificate_prefix");
    const result = await conversation.external((outside) =>
      createProvider(outside.deps.db, {
        nameKk,
        nameRu,
        headName,
        prefix,
        actor: actorOf(outside, ADMIN_GRANT),
        now: outside.deps.clock(),
      }),
    );
    if (result.ok) {
      await ctx.reply(
        t("providers.created", { name: escapeHtml(nameRu), prefix: escapeHtml(prefix) }),
        { parse_mode: "HTML", reply_markup: backToProvider(t, result.id) },
      );
      return;
    }
    if (!(await refused(result))) return;
  }
}
