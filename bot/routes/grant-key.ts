// A short, stable id of a role grant for callback data: "e" (employee), "a" (admin),
// "d12"/"r3" (the district or region-level unit a coordinator works for), "p3" (the
// provider). The Telegram layer checks that the person holds the grant it names.

/** What a grant's key is made of (a services RoleGrant fits it). */
export type GrantRef =
  | { role: "employee" }
  | { role: "admin" }
  | { role: "district_coordinator"; unitId: number }
  | { role: "regional_coordinator"; unitId: number }
  | { role: "provider_coordinator"; providerId: number };

export function grantKey(grant: GrantRef): string {
  switch (grant.role) {
    case "employee":
      return "e";
    case "admin":
      return "a";
    case "district_coordinator":
      return `d${grant.unitId}`;
    case "regional_coordinator":
      return `r${grant.unitId}`;
    case "provider_coordinator":
      return `p${grant.providerId}`;
  }
}

const KEY = /^(?:(e|a)|([drp])(0|[1-9]\d{0,14}))$/;

/** The grant a key names, or null for anything that is not a key. */
export function parseGrantKey(key: string): GrantRef | null {
  const match = KEY.exec(key);
  if (!match) return null;
  if (match[1]) return { role: match[1] === "e" ? "employee" : "admin" };
  const id = Number(match[3]);
  if (match[2] === "p") return { role: "provider_coordinator", providerId: id };
  return { role: match[2] === "d" ? "district_coordinator" : "regional_coordinator", unitId: id };
}
