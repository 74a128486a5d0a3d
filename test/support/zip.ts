// A hand-built ZIP archive, for spreadsheets no honest program would write:
// decompression bombs, and parts whose header understates what they unpack to.
import zlib from "node:zlib";

export interface ZipPart {
  name: string;
  /** What the part unpacks to (deflated here), unless `deflated` is given. */
  data?: Buffer;
  /** Already deflated bytes, with `size` the true unpacked size. */
  deflated?: { bytes: Buffer; size: number };
  /** The unpacked size the headers declare (defaults to the true one). */
  declaredSize?: number;
}

export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const data = part.data ?? Buffer.alloc(0);
    const compressed = part.deflated?.bytes ?? zlib.deflateRawSync(data);
    const trueSize = part.deflated?.size ?? data.length;
    const size = part.declaredSize ?? trueSize;
    const crc = part.deflated ? 0 : zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `megabytes` of the same XML whitespace, deflated: about 1,000 to 1. */
export function deflatedWhitespace(megabytes: number): { bytes: Buffer; size: number } {
  const size = megabytes * 1024 * 1024;
  return { bytes: zlib.deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 }), size };
}

/** The parts of a minimal workbook around a given first sheet. */
export function workbookParts(sheet: ZipPart): ZipPart[] {
  return [
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        '<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { ...sheet, name: "xl/worksheets/sheet1.xml" },
  ];
}
