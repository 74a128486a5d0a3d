// Who may do what: coordinator invites (coordinator-invite.ts), coordinators and
// revoking their roles (coordinators.ts), unused invite links (invite-links.ts),
// training organizations (providers.ts, provider-form.ts), the access log.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { registerConversations } from "../../conversations/register.js";
import { ACCESS_LOG_SEARCH, accessLogScreens, accessLogSearch } from "./access-log.js";
import {
  COORDINATOR_INVITE,
  coordinatorInvite,
  coordinatorInviteEntry,
} from "./coordinator-invite.js";
import { coordinatorsScreens } from "./coordinators.js";
import { inviteLinksScreens } from "./invite-links.js";
import { PROVIDER_FORM, providerForm } from "./provider-form.js";
import { providersScreens } from "./providers.js";

export const accessArea = new Composer<BotContext>();

registerConversations(accessArea, {
  [COORDINATOR_INVITE]: coordinatorInvite,
  [PROVIDER_FORM]: providerForm,
  [ACCESS_LOG_SEARCH]: accessLogSearch,
});
accessArea.use(
  coordinatorInviteEntry,
  coordinatorsScreens,
  inviteLinksScreens,
  providersScreens,
  accessLogScreens,
);
