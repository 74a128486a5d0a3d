// Buttons every person meets: the menus, the language, cancelling a step.
import { route } from "./route.js";

const ALL_ROLES = [
  "employee",
  "district_coordinator",
  "regional_coordinator",
  "provider_coordinator",
  "admin",
] as const;

export const commonRoutes = {
  /** The home screen as a new message, under a message that should stay as it is. */
  home: route("mn"),
  /** The role picker, for a person with several roles. */
  rolePicker: route("mh"),
  /** The menu of one of the person's roles. */
  roleMenu: route("m", { roles: ALL_ROLES }),
  /** A button that only shows something (a page counter). */
  noop: route("noop"),
  /** Leaves whatever conversation runs. */
  cancel: route("cancel"),
  /** Skips an optional step of a conversation. */
  skipStep: route("skip"),
  languagePicker: route("la"),
  /** The language chosen; a /start payload waiting for the choice rides along. */
  language: route("lang", { params: { language: ["kk", "ru"], startPayload: "token" } }),
  about: route("about"),
};
