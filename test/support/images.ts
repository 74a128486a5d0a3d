// Hand-made image files for hostile-input tests: a PNG whose compressed pixels stop
// half-way (chunk lengths and checksums still right, so only a full decode notices),
// a PNG header that claims a huge size, and small valid pictures.
import zlib from "node:zlib";
import sharp from "sharp";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bits per channel
  data[9] = 6; // RGBA
  return chunk("IHDR", data);
}

/** An RGBA PNG whose pixel stream is cut in half: valid chunks, broken zlib data. */
export function truncatedRgbaPng(width = 200, height = 200): Buffer {
  const row = Buffer.alloc(1 + width * 4, 0x80);
  row[0] = 0; // filter: none
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    SIGNATURE,
    ihdr(width, height),
    chunk("IDAT", pixels.subarray(0, Math.floor(pixels.length / 2))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A transparent PNG whose header says 12000×12000 pixels (the real attack was a
 * complete one of 560 KB); only its first rows follow, which is all a check that
 * reads the header first ever sees.
 */
export function hugeTransparentPngHeader(width = 12_000, height = 12_000): Buffer {
  const row = Buffer.alloc(1 + width * 4);
  const someRows = zlib.deflateSync(Buffer.concat(Array.from({ length: 16 }, () => row)));
  return Buffer.concat([
    SIGNATURE,
    ihdr(width, height),
    chunk("IDAT", someRows),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A real picture with transparency, as a designer's logo would be. */
export function transparentPng(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 0.6 } },
  })
    .png()
    .toBuffer();
}

/** A small JPEG, as Telegram sends a photo. */
export function photoJpeg(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 240, g: 240, b: 230 } } })
    .jpeg()
    .toBuffer();
}
