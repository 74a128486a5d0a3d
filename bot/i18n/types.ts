// Typed keys: i18next checks every literal key given to `t()` against the Russian
// locale files (see scripts/locale-types.ts), so a misspelled key fails `tsc`.
import type { Resources } from "./resources.generated.js";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    interpolationFormatTypeMap: { dative: string };
    resources: { translation: Resources };
  }
}
