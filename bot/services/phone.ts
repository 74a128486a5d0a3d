// Phone numbers are kept as digits with the country code (77011234567), the way
// Telegram shares a contact, so a shared contact matches the employee's record.
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("8")) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith("7")) return `7${digits}`;
  if (digits.length >= 11 && digits.length <= 15) return digits;
  return null;
}
