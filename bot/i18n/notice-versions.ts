// The current version of each personal-data notice. The text of every version stays
// in locales/*/privacy.json as privacy.<subject>.v<N>, because each recorded answer
// names the version the person read; raising a number makes everyone answer again.
import type { ConsentSubject } from "../../db/types.js";

export const NOTICE_VERSION: Record<ConsentSubject, number> = { employee: 1, coordinator: 1 };
