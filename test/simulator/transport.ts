// Decodes a Bot API request the way Telegram does: a JSON body, a multipart form
// (grammY uploads files so; other fields arrive JSON-encoded or as plain strings,
// files as "attach://<name>" pointing at a part), or a query string.
import type { Upload } from "./bot-api.js";

type Body =
  | RequestInit["body"]
  | NodeJS.ReadableStream
  | AsyncIterable<Uint8Array>
  | undefined
  | null;

async function readAll(body: Body): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function header(
  headers: RequestInit["headers"] | Record<string, string | string[] | undefined>,
  name: string,
) {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  const found = entries.find(([key]) => String(key).toLowerCase() === name);
  return found ? String(found[1]) : undefined;
}

/** JSON-decodes a form field that holds an object or array (reply_markup and the like). */
function fieldValue(raw: string): unknown {
  if (/^[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

export async function decodeRequest(
  body: Body,
  headers: RequestInit["headers"] | Record<string, string | string[] | undefined>,
  query?: URLSearchParams,
): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(query ?? []);
  const contentType = header(headers, "content-type") ?? "";
  const bytes = await readAll(body);
  if (bytes.length === 0) return params;
  if (contentType.includes("application/json"))
    return { ...params, ...JSON.parse(bytes.toString("utf8")) };
  if (contentType.includes("multipart/form-data")) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2] ?? "";
    return { ...params, ...decodeMultipart(bytes, boundary) };
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(bytes.toString("utf8")))
      params[name] = fieldValue(value);
  }
  return params;
}

interface Part {
  name: string;
  fileName?: string;
  body: Buffer;
}

/**
 * Multipart as grammY writes it (`content-disposition:form-data;name="x";filename=a b.pdf`,
 * filename unquoted and possibly non-ASCII) and as browsers write it (quoted).
 */
function splitParts(bytes: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = bytes.indexOf(delimiter);
  while (start !== -1) {
    const next = bytes.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const raw = bytes.subarray(start + delimiter.length + 2, next - 2); // drop CRLFs
    const headerEnd = raw.indexOf("\r\n\r\n");
    const headers = raw.subarray(0, headerEnd).toString("utf8");
    const disposition = /content-disposition:\s*([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /name="([^"]*)"/.exec(disposition)?.[1] ?? "";
    const fileName =
      /filename="([^"]*)"/.exec(disposition)?.[1] ?? /filename=([^;\r\n]*)/.exec(disposition)?.[1];
    parts.push({ name, fileName, body: raw.subarray(headerEnd + 4) });
    start = next;
  }
  return parts;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
};

function decodeMultipart(bytes: Buffer, boundary: string): Record<string, unknown> {
  const parts = splitParts(bytes, boundary);
  const uploads = new Map<string, Upload>();
  for (const part of parts.filter((p) => p.fileName !== undefined)) {
    const extension = part.fileName?.split(".").at(-1)?.toLowerCase() ?? "";
    uploads.set(part.name, {
      bytes: Buffer.from(part.body),
      fileName: part.fileName,
      mimeType: MIME_BY_EXTENSION[extension],
    });
  }
  const params: Record<string, unknown> = {};
  for (const part of parts.filter((p) => p.fileName === undefined)) {
    const value = part.body.toString("utf8");
    const attached = value.startsWith("attach://")
      ? uploads.get(value.slice("attach://".length))
      : undefined;
    params[part.name] = attached ?? fieldValue(value);
  }
  return params;
}
