// Joining by phone number: the person shares their own contact with the button
// under the "no role" message, and it is matched against employee records.
import { Composer } from "grammy";
import { bindEmployeeByContact } from "../../services/contact-binding.js";
import type { BotContext } from "../context.js";
import { reloadGrants } from "../middleware/consent-gate.js";
import { showHome } from "./menus.js";

export const contactFeature = new Composer<BotContext>();

contactFeature.on("message:contact", async (ctx) => {
  const person = ctx.person;
  if (!person) return;
  const { db, clock } = ctx.deps;
  const contact = ctx.message.contact;
  const result = await bindEmployeeByContact(db, {
    senderId: person.telegramId,
    contactUserId: contact.user_id,
    phone: contact.phone_number,
    now: clock(),
  });
  if (!result.ok) {
    await ctx.reply(ctx.t(`contact.refused.${result.reason}`), {
      parse_mode: "HTML",
      reply_markup: { remove_keyboard: true },
    });
    // Someone with a role keeps their menu to go on with.
    if (person.grants.length > 0) await showHome(ctx);
    return;
  }
  await reloadGrants(ctx);
  await ctx.reply(ctx.t("contact.bound"), { reply_markup: { remove_keyboard: true } });
  await showHome(ctx);
});
