/**
 * A tiny static file server for the browser test: the built tab under /tab/ and the
 * Teams host harness under /host/, on one loopback origin (teams-js trusts messages from
 * its own origin, which is what lets the harness play the Teams client).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** A JSON route that looks at the request: stands in for an API that checks its bearer token. */
export type JsonRoute = (request: { method: string; headers: IncomingHttpHeaders }) => {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * `mounts` maps a URL prefix ("/tab/") to a directory; `json` maps exact paths to fixed
 * JSON bodies for GET (e.g. "/healthz", standing in for the bot's answer) or to a JsonRoute,
 * which answers any method.
 */
export async function startStaticServer(
  mounts: Record<string, string>,
  json: Record<string, unknown> = {},
): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      const route = Object.hasOwn(json, pathname) ? json[pathname] : undefined;
      if (typeof route === "function") {
        const answer = (route as JsonRoute)({ method: req.method ?? "GET", headers: req.headers });
        res.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store", ...answer.headers });
        res.end(JSON.stringify(answer.body));
        return;
      }
      if (Object.hasOwn(json, pathname) && req.method === "GET") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(route));
        return;
      }
      const mount = Object.keys(mounts).find((prefix) => pathname.startsWith(prefix));
      const root = mount ? mounts[mount] : undefined;
      if (!mount || !root || (req.method !== "GET" && req.method !== "HEAD")) {
        res.writeHead(404);
        res.end();
        return;
      }
      const file = path.resolve(root, `.${path.posix.normalize(`/${pathname.slice(mount.length)}`)}`);
      // normalize() above removes "..", this guards against anything it missed.
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403);
        res.end();
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers hold keep-alive connections open; don't wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
