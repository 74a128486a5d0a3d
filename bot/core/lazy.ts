// Heavy libraries (ECharts, pdfkit, ExcelJS, sharp, docx, qrcode, ics, resvg) loaded
// on first use rather than at start-up: together they cost over a second of the
// bot's start, and most updates never make a document or read an image. Each has a
// CommonJS build, so a synchronous require keeps every caller as it was.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A function that returns the library, requiring it the first time it is called. */
export function onFirstUse<T>(name: string): () => T {
  let library: T | undefined;
  return () => {
    library ??= require(name) as T;
    return library;
  };
}
