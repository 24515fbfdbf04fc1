import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import type { Next, Request, Response } from "restify";
import { errorBody } from "../errors";

/**
 * Serves the built tab (vite output) under /tab from the same origin as the API, so the tab's
 * calls to /api/tab/* need no CORS and the manifest has one domain. restify's serveStatic
 * either appends the whole request path or only its basename, neither of which fits vite's
 * nested `assets/` folder under a `/tab/` prefix, hence this small handler.
 */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export function tabStaticRoute(tabDir: string) {
  const root = resolve(tabDir);
  return (req: Request, res: Response, next: Next): void => {
    const pathname = (req.path() ?? "/").replace(/^\/tab\/?/, "");
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      res.send(400, errorBody("BadPath", "The path is not valid percent-encoding."));
      return next(false);
    }
    const file = resolve(join(root, relative === "" ? "index.html" : relative));
    if (file !== root && !file.startsWith(root + sep)) {
      res.send(404, errorBody("NotFound", "No such file in the tab."));
      return next(false);
    }
    if (!existsSync(join(root, "index.html"))) {
      res.send(503, errorBody("TabNotBuilt", "The tab has not been built. Run `npm run build:tab` (npm start does it for you)."));
      return next(false);
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.send(404, errorBody("NotFound", "No such file in the tab."));
      return next(false);
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    // Hashed asset names can be cached for long; the HTML must always be fresh.
    const cache = file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
    res.writeHead(200, { "content-type": type, "cache-control": cache, "content-length": statSync(file).size, "x-content-type-options": "nosniff" });
    const stream = createReadStream(file);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
    stream.on("end", () => next(false));
  };
}
