// The deep link printed as a QR code on certificates: anyone who opens it gets the
// certificate's status from the bot (see the documents issue for /verify).
export const VERIFY_PAYLOAD_PREFIX = "v-";

export function verificationLink(botUsername: string, verificationCode: string): string {
  return `https://t.me/${botUsername}?start=${VERIFY_PAYLOAD_PREFIX}${verificationCode}`;
}
