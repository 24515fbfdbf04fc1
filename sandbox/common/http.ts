import { createServer as createHttpsServer } from "node:https";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxTls } from "./tls";

/**
 * A deliberately small HTTP toolkit shared by the emulators: a router with `:param` segments,
 * body reading with a limit, JSON/text/form helpers, and a server that listens on loopback.
 * The emulators are judged on wire behaviour, so nothing here hides status codes or headers.
 */

export interface SandboxRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment. */
  path: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  params: Record<string, string>;
  raw: IncomingMessage;
  /** The body as text ("" when there is none). */
  body: string;
}

export type Handler = (req: SandboxRequest, res: ServerResponse) => void | Promise<void>;
export type Middleware = (req: SandboxRequest, res: ServerResponse, next: () => Promise<void>) => void | Promise<void>;

interface Route {
  method: string;
  /** As registered, e.g. `/v1/meetings/:meetingId` (what `onDispatch` reports). */
  pattern: string;
  segments: string[];
  handler: Handler;
}

export interface RouterOptions {
  /** Graph matches paths case-insensitively; Webex does not. */
  caseInsensitive?: boolean;
  /** Answer for an unknown route. */
  notFound?: Handler;
  /** Answer for an exception thrown by a handler. */
  onError?: (error: unknown, req: SandboxRequest, res: ServerResponse) => void;
  bodyLimitBytes?: number;
  /**
   * Told about every request that reaches the routes (after the middleware), with the pattern
   * of the route that answers it, or undefined when none does: emulators count calls with it.
   */
  onDispatch?: (method: string, pattern: string | undefined) => void;
}

export class Router {
  private readonly routes: Route[] = [];
  private readonly middleware: Middleware[] = [];

  constructor(private readonly options: RouterOptions = {}) {}

  use(mw: Middleware): this {
    this.middleware.push(mw);
    return this;
  }

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler });
    return this;
  }
  get(p: string, h: Handler): this { return this.on("GET", p, h); }
  post(p: string, h: Handler): this { return this.on("POST", p, h); }
  patch(p: string, h: Handler): this { return this.on("PATCH", p, h); }
  put(p: string, h: Handler): this { return this.on("PUT", p, h); }
  delete(p: string, h: Handler): this { return this.on("DELETE", p, h); }

  /** A node `request` listener. */
  readonly listener = (raw: IncomingMessage, res: ServerResponse): void => {
    void this.handle(raw, res);
  };

  private async handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? "/", "https://sandbox.invalid");
    const req: SandboxRequest = {
      method: (raw.method ?? "GET").toUpperCase(),
      path: url.pathname,
      url,
      query: url.searchParams,
      headers: raw.headers,
      params: {},
      raw,
      body: "",
    };
    try {
      req.body = await readBody(raw, this.options.bodyLimitBytes ?? 4 * 1024 * 1024);
      const chain = [...this.middleware];
      const run = async (i: number): Promise<void> => {
        const mw = chain[i];
        if (mw) return void (await mw(req, res, () => run(i + 1)));
        await this.dispatch(req, res);
      };
      await run(0);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (this.options.onError) this.options.onError(error, req, res);
      else sendJson(res, 500, { error: String(error) });
    }
  }

  private async dispatch(req: SandboxRequest, res: ServerResponse): Promise<void> {
    const segments = split(req.path);
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = match(route.segments, segments, this.options.caseInsensitive ?? false);
      if (!params) continue;
      if (route.method !== req.method) {
        methodMismatch = true;
        continue;
      }
      req.params = params;
      this.options.onDispatch?.(req.method, route.pattern);
      await route.handler(req, res);
      return;
    }
    this.options.onDispatch?.(req.method, undefined);
    if (methodMismatch) res.setHeader("x-sandbox-method-mismatch", "1");
    if (this.options.notFound) await this.options.notFound(req, res);
    else sendJson(res, 404, { error: "not found" });
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function match(pattern: string[], actual: string[], ci: boolean): Record<string, string> | undefined {
  const last = pattern[pattern.length - 1];
  const rest = last !== undefined && last.startsWith("*");
  if (rest ? actual.length < pattern.length - 1 : actual.length !== pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith("*")) {
      params[p.slice(1) || "rest"] = actual.slice(i).map(decodeURIComponent).join("/");
      return params;
    }
    const a = actual[i]!;
    if (p.startsWith(":")) {
      params[p.slice(1)] = safeDecode(a);
    } else if (ci ? p.toLowerCase() !== a.toLowerCase() : p !== a) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export class BodyTooLargeError extends Error {}

function readBody(raw: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    raw.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`body larger than ${limit} bytes`));
        raw.destroy();
        return;
      }
      chunks.push(chunk);
    });
    raw.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    raw.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = "text/plain; charset=utf-8", headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** Parses a JSON body; `undefined` when it is not valid JSON. */
export function parseJson(body: string): unknown {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function parseForm(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

export function bearerToken(req: SandboxRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m?.[1]?.trim();
}

export interface RunningServer {
  /** e.g. https://127.0.0.1:41234 — or https://localhost:41234 when `hostName` is set. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Listens on loopback (port 0 = ephemeral). With `tls` the server speaks HTTPS with the
 * sandbox certificate, whose names are `localhost`, 127.0.0.1 and ::1.
 */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: { port?: number; tls?: SandboxTls; host?: string; publicHost?: string } = {},
): Promise<RunningServer> {
  const server: Server = options.tls
    ? (createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) as unknown as Server)
    : createHttpServer(listener);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? "https" : "http";
  // "localhost" rather than the IP: the Graph client's customHosts and msal authorities want a host name.
  const url = `${scheme}://${options.publicHost ?? "localhost"}:${port}`;
  return {
    url,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
