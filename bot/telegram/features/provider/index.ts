// A provider coordinator's certificates, register and logo (cohorts: ../cohorts).
import { area } from "../area.js";
import { certificateScreens, PROVIDER_CERTIFICATE, providerCertificate } from "./certificate.js";
import { logoScreens, PROVIDER_LOGO, providerLogo } from "./logo.js";
import { registerScreens } from "./register.js";

export const providerFeature = area(
  [
    [providerCertificate, PROVIDER_CERTIFICATE],
    [providerLogo, PROVIDER_LOGO],
  ],
  certificateScreens,
  registerScreens,
  logoScreens,
);
