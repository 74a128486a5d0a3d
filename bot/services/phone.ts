// Phone numbers are kept as digits with the country code (77011234567), the way
// Telegram shares a contact, so a shared contact matches the employee's record.
//
// Two sources, two readings:
// - typed by a coordinator (form, spreadsheet): Kazakhstan's local habits apply —
//   "8 701 123 45 67" is the trunk prefix 8 before a +7 number, "701 123 45 67"
//   has no country code at all. A number written with "+" is international as is.
// - from a Telegram contact: always international, country code first. A Vietnamese
//   "84 95…" is +84, never the +7 495… that the 8→7 rule would make of it.

const INTERNATIONAL = /^\d{11,15}$/;

/** A number a coordinator typed, or null when it cannot be a phone number. */
export function normalizeTypedPhone(input: string): string | null {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+") || trimmed.startsWith("00"))
    return internationalDigits(trimmed.startsWith("00") ? digits.slice(2) : digits);
  if (digits.length === 11 && digits.startsWith("8")) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith("7")) return `7${digits}`;
  return internationalDigits(digits);
}

/** The number of a contact shared through Telegram: digits with the country code as sent. */
export function normalizeContactPhone(input: string): string | null {
  return internationalDigits(input.replace(/\D/g, ""));
}

function internationalDigits(digits: string): string | null {
  return INTERNATIONAL.test(digits) ? digits : null;
}
