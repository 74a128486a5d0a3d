// Downloads a file a person sent to the bot (a logo, an import spreadsheet).
import type { Api } from "grammy";
import type { AppDeps } from "../services/deps.js";

export class FileTooLarge extends Error {}

export async function downloadTelegramFile(
  api: Api,
  deps: Pick<AppDeps, "config" | "fetch">,
  fileId: string,
  maxBytes: number,
): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if ((file.file_size ?? 0) > maxBytes) throw new FileTooLarge(`${file.file_size} bytes`);
  const url = `${deps.config.botApiRoot}/file/bot${deps.config.botToken}/${file.file_path}`;
  const response = await deps.fetch(url);
  if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new FileTooLarge(`${bytes.length} bytes`);
  return bytes;
}

/** PNG or JPEG, by their first bytes: what pdfkit can place on a certificate. */
export function imageType(bytes: Buffer): "image/png" | "image/jpeg" | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}
