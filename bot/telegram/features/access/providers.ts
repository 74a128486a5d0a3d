// Admins keep the training organizations: the list, a card, deactivating and
// activating; creating and editing are the form (provider-form.ts).

import { Composer, InlineKeyboard } from "grammy";
import { inLanguage } from "../../../i18n/in-language.js";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import {
  allProviders,
  PROVIDER_FIELDS,
  providerById,
  setProviderActive,
} from "../../../services/providers.js";
import { actorOf } from "../../actor.js";
import type { BotContext } from "../../context.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { backToProvider, PROVIDER_FORM } from "./provider-form.js";

export const providersScreens = new Composer<BotContext>();

onRoute(providersScreens, routes.providers, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const providers = await allProviders(ctx.deps.db);
  const keyboard = new InlineKeyboard();
  for (const p of providers) {
    const name = `${p.active ? "" : "⏸ "}${inLanguage(p, "name", ctx.lang)}`;
    keyboard.text(name.slice(0, 60), routes.providerCard.pack({ grant, provider: p.id })).row();
  }
  keyboard
    .text(ctx.t("providers.add_button"), routes.providerNew.pack({ grant }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  await ctx.reply(
    ctx.t(providers.length ? "providers.list" : "providers.none", { count: providers.length }),
    { reply_markup: keyboard },
  );
});

onRoute(providersScreens, routes.providerCard, async (ctx, { grant, provider: id }) => {
  const provider = await providerById(ctx.deps.db, id);
  if (!provider) return deny(ctx);
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard();
  PROVIDER_FIELDS.forEach((field, index) => {
    const edit = routes.providerEdit.pack({ grant, provider: provider.id, field });
    keyboard.text(ctx.t(`providers.field.${field}`), edit);
    if (index % 2 === 1) keyboard.row();
  });
  keyboard
    .row()
    .text(
      ctx.t(provider.active ? "providers.deactivate_button" : "providers.activate_button"),
      routes.providerToggle.pack({ grant, provider: provider.id }),
    );
  keyboard.row().text(ctx.t("menu.back"), routes.providers.pack({ grant }));
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

onRoute(providersScreens, routes.providerToggle, async (ctx, { grant, provider: id }) => {
  const provider = await providerById(ctx.deps.db, id);
  if (!provider) return deny(ctx);
  const result = await setProviderActive(ctx.deps.db, {
    id: provider.id,
    active: !provider.active,
    actor: actorOf(ctx, grant),
    now: ctx.deps.clock(),
  });
  await ctx.answerCallbackQuery();
  const text = result.ok
    ? ctx.t(provider.active ? "providers.deactivated" : "providers.activated")
    : ctx.t(`access.refused.${result.reason}`);
  await ctx.reply(text, { reply_markup: backToProvider(ctx.t, provider.id) });
});

onRoute(providersScreens, routes.providerNew, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(PROVIDER_FORM, null, null);
});

onRoute(providersScreens, routes.providerEdit, async (ctx, { provider, field }) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(PROVIDER_FORM, provider, field);
});
