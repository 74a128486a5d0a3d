// Creates a training organization (all fields) or changes one field of it.
import { InlineKeyboard } from "grammy";
import { escapeHtml, type TFunction } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import {
  createProvider,
  type PrefixRefusal,
  type ProviderField,
  updateProvider,
  validPrefix,
} from "../../../services/providers.js";
import { actorOf } from "../../actor.js";
import type { ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { withGrant } from "../../routing.js";

export const PROVIDER_FORM = "provider-form";
const ADMIN = ["admin"] as const;
const ADMIN_KEY = "a";
const ADMIN_GRANT = { role: "admin" } as const;

/** After a provider screen: back to its card, the list of organizations, or the menu. */
export function backToProvider(t: TFunction, id: number | null): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (id !== null) {
    const card = routes.providerCard.pack({ grant: ADMIN_GRANT, provider: id });
    keyboard.text(t("access.buttons.to_organization"), card).row();
  }
  return keyboard
    .text(t("menu.providers"), routes.providers.pack({ grant: ADMIN_GRANT }))
    .row()
    .text(t("access.buttons.menu"), routes.rolePicker.pack({}));
}

/** The text of a refused provider change: the organization holding a reserved prefix, if so. */
function providerRefusal(t: TFunction, lang: "kk" | "ru", refusal: PrefixRefusal): string {
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
  ctx: ConversationContext,
  id: number | null,
  field: ProviderField | null,
) {
  const { lang, t } = ctx;
  const ask = async (f: ProviderField) => {
    for (;;) {
      const value =
        (await askText(conversation, ctx, t, t(`providers.ask.${f}`), { max: 300 })) ?? "";
      if (f !== "certificate_prefix" || validPrefix(value)) return value;
      await ctx.reply(t("providers.prefix_invalid"));
    }
  };
  const admin = await withGrant(conversation, ADMIN_KEY, ADMIN, () => true);
  if (!admin) return;
  /** Says why the change was refused; true when the prefix is to be asked again. */
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
