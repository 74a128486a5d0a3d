// Who may do what: coordinator invites (coordinator-invite.ts), coordinators and
// revoking their roles (coordinators.ts), unused invite links (invite-links.ts),
// training organizations (providers.ts, provider-form.ts), the access log.

import { area } from "../area.js";
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

export const accessArea = area(
  [
    [coordinatorInvite, COORDINATOR_INVITE],
    [providerForm, PROVIDER_FORM],
    [accessLogSearch, ACCESS_LOG_SEARCH],
  ],
  coordinatorInviteEntry,
  coordinatorsScreens,
  inviteLinksScreens,
  providersScreens,
  accessLogScreens,
);
