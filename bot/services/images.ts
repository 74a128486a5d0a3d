// Images that people send (an organization's logo, a photo of a transfer's evidence)
// are decoded completely by a real image library (sharp / libvips) before the bot
// keeps anything: a truncated or malformed file is refused while its sender is still
// there to send another, instead of failing later inside a PDF. Width, height and
// pixel count are capped from the header, before any pixel is decoded, so a small
// file that claims 12000×12000 pixels costs nothing. What is stored is re-encoded:
// an RGB PNG (no transparency: flattened on white) no larger than STORED_SIDE.
import type Sharp from "sharp";
import { onFirstUse } from "../core/lazy.js";
import type { Logger } from "../core/logger.js";

const loadSharp = onFirstUse<typeof Sharp>("sharp");
let configured = false;

/** sharp, set up once: one image at a time per process, no decoded-image cache (memory stays bounded). */
function sharp(...args: Parameters<typeof Sharp>): ReturnType<typeof Sharp> {
  const library = loadSharp();
  if (!configured) {
    library.concurrency(1);
    library.cache(false);
    configured = true;
  }
  return library(...args);
}

export const IMAGE_LIMITS = {
  /** Largest file accepted for a logo (bytes). */
  logoBytes: 2 * 1024 * 1024,
  /** Largest width or height of an image sent (pixels). */
  maxSide: 4096,
  /** Largest number of pixels of an image sent (width × height). */
  maxPixels: 16_777_216,
  /** Largest side of the image that is kept (pixels). */
  storedSide: 600,
} as const;

const ACCEPTED_FORMATS = new Set(["png", "jpeg", "webp"]);

export type ImageCheck =
  | { ok: true; png: Buffer; width: number; height: number }
  | { ok: false; reason: "not_image" | "broken" }
  | { ok: false; reason: "too_many_pixels"; width: number; height: number };

/** Reads the header only: format and size, nothing decoded yet. */
async function header(bytes: Buffer) {
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return null;
  }
}

/**
 * Decodes the whole image and re-encodes it as a bounded RGB PNG, or says why not.
 * `failOn: "warning"` makes libvips treat a truncated or damaged stream as an error.
 */
export async function normalizeImage(bytes: Buffer): Promise<ImageCheck> {
  const meta = await header(bytes);
  if (!meta?.format || !ACCEPTED_FORMATS.has(meta.format) || (meta.pages && meta.pages > 1))
    return { ok: false, reason: "not_image" };
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (
    width > IMAGE_LIMITS.maxSide ||
    height > IMAGE_LIMITS.maxSide ||
    width * height > IMAGE_LIMITS.maxPixels
  )
    return { ok: false, reason: "too_many_pixels", width, height };
  try {
    const { data, info } = await sharp(bytes, {
      failOn: "warning",
      limitInputPixels: IMAGE_LIMITS.maxPixels,
    })
      .rotate()
      .resize({
        width: IMAGE_LIMITS.storedSide,
        height: IMAGE_LIMITS.storedSide,
        fit: "inside",
        withoutEnlargement: true,
      })
      .flatten({ background: "#ffffff" })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, png: data, width: info.width, height: info.height };
  } catch {
    return { ok: false, reason: "broken" };
  }
}

/**
 * A stored image made ready for a PDF, or null. Logos stored before images were
 * checked (or damaged since) must never take the process down: the document is
 * made without the logo and the problem is logged.
 */
export async function imageForDocument(
  stored: Uint8Array | null,
  log: Pick<Logger, "error">,
  what: Record<string, unknown>,
): Promise<Buffer | null> {
  if (!stored) return null;
  const checked = await normalizeImage(Buffer.from(stored));
  if (checked.ok) return checked.png;
  log.error(
    { ...what, problem: checked.reason },
    "stored image cannot be used: document made without it",
  );
  return null;
}
