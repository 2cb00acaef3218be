// A tiny static file server for the harness pages, bound to 127.0.0.1 only; Playwright's webServer
// (or the bench) starts and stops it. `application/wasm` matters: WebAssembly.instantiateStreaming
// rejects anything else.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
};

export interface StaticServerOptions {
  /** The built harness folder; nothing outside it is ever served. */
  root: string;
  port: number;
  /** Named in the "listening" line. */
  label: string;
  /** Answers a request before any file lookup (e.g. a proxy); returns true when it did. */
  intercept?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** The file (under root) to serve when no file matches the decoded path; undefined means 404. */
  fallback?: (urlPath: string) => string | undefined;
}

export function startStaticServer(options: StaticServerOptions): Server {
  const { root, port, label } = options;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.intercept?.(req, res, url)) {
      return;
    }
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end(`malformed URL path: ${url.pathname}`);
      return;
    }
    const fallback = urlPath === '/' ? 'index.html' : options.fallback?.(urlPath);
    const file = fileUnder(root, urlPath) ?? (fallback === undefined ? undefined : join(root, fallback));
    if (file === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  }).listen(port, '127.0.0.1', () => {
    process.stdout.write(`${label} on http://127.0.0.1:${port}\n`);
  });
}

// normalize() resolves `..`, so a path that climbs out of root no longer starts with it.
function fileUnder(root: string, urlPath: string): string | undefined {
  const file = normalize(join(root, urlPath));
  return file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}
