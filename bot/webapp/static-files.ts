// The Mini App's page: plain ES modules from the repository's `webapp/` folder and
// three small libraries straight from node_modules (Preact, its hooks, htm), tied
// together by an import map. Nothing is built or bundled.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PAGE_DIR = fileURLToPath(new URL("../../webapp", import.meta.url));
const require = createRequire(import.meta.url);

/** Each package's browser build: its main file's folder holds the ES module. */
const distOf = (name: string) => dirname(require.resolve(name));
const VENDOR: Record<string, string> = {
  "preact.mjs": join(distOf("preact"), "preact.mjs"),
  "hooks.mjs": join(distOf("preact/hooks"), "hooks.mjs"),
  "htm.mjs": join(distOf("htm"), "htm.module.js"),
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Paths the page may ask for: lower-case words and folders, one known extension. */
const PAGE_FILE = /^(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:html|js|css|svg)$/;

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** The file under /app/ at `path` ("" is the page), or undefined. */
export async function staticFile(path: string): Promise<StaticFile | undefined> {
  const vendor = path.startsWith("vendor/") ? VENDOR[path.slice("vendor/".length)] : undefined;
  const file = vendor ?? (path === "" ? join(PAGE_DIR, "index.html") : undefined);
  const target = file ?? (PAGE_FILE.test(path) ? join(PAGE_DIR, path) : undefined);
  if (!target) return undefined;
  try {
    return { body: await readFile(target), type: TYPES[extname(target)] ?? "text/plain" };
  } catch {
    return undefined;
  }
}

let inlineScriptHashes: Promise<string[]> | undefined;

/**
 * The page's Content-Security-Policy: only its own scripts, plus the inline import
 * map by its hash; framed only by Telegram's web client and its own origin (the
 * playground's panel).
 */
export async function contentSecurityPolicy(): Promise<string> {
  inlineScriptHashes ??= readFile(join(PAGE_DIR, "index.html"), "utf8").then((html) =>
    [...html.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)].map(
      (m) =>
        `'sha256-${createHash("sha256")
          .update(m[1] ?? "")
          .digest("base64")}'`,
    ),
  );
  const hashes = (await inlineScriptHashes).join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "frame-ancestors 'self' https://web.telegram.org",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
