// Downloads a file a person sent to the bot (a logo, an import spreadsheet).
import type { Api } from "grammy";
import type { AppDeps } from "../deps.js";

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
