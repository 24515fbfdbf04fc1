/**
 * Typed client for the bot's HTTP API as the tab sees it: the health check (the version in
 * the footer) and `/api/tab/*`, where every call carries the Teams SSO token that the server
 * verifies against the issuer's JWKS. A 401 from there means "sign in again".
 */
import { z } from "zod";

/**
 * `GET /healthz` — served by the bot process (not Teams). Only `version` is read; other
 * fields are allowed so the server can add detail without breaking old tabs.
 */
const HealthSchema = z.object({ version: z.string().min(1) });
export type Health = z.infer<typeof HealthSchema>;

export class TabApiError extends Error {
  readonly status: number | undefined;
  /** Teams gave us no SSO token at all (not signed in, consent missing, outside Teams). */
  readonly noToken: boolean;
  constructor(message: string, options: { status?: number; cause?: unknown; noToken?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = "TabApiError";
    this.status = options.status;
    this.noToken = options.noToken ?? false;
  }

  /** The server refused the token, or there was none: the user has to sign in again. */
  get needsSignIn(): boolean {
    return this.noToken || this.status === 401;
  }
}

export interface TabApiOptions {
  /** Origin of the bot; defaults to the page's own origin (the bot serves the tab). */
  baseUrl?: string;
  /** Teams SSO token source (`authentication.getAuthToken` inside Teams). */
  getToken: () => Promise<string>;
  fetchImpl?: typeof fetch;
}

export interface TabApi {
  health(signal?: AbortSignal): Promise<Health>;
  getTab<T>(path: `/api/tab/${string}`, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
  /** POST without a body (the user and everything else come from the token). */
  postTab<T>(path: `/api/tab/${string}`, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T>;
}

export function createTabApi(options: TabApiOptions): TabApi {
  const baseUrl = options.baseUrl ?? window.location.origin;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);

  async function getJson<T>(path: string, schema: z.ZodType<T>, init: RequestInit): Promise<T> {
    const method = init.method ?? "GET";
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, baseUrl), { ...init, headers: { accept: "application/json", ...init.headers } });
    } catch (cause) {
      throw new TabApiError(`${method} ${path} failed to reach the server`, { cause });
    }
    if (!response.ok) throw new TabApiError(`${method} ${path} answered ${response.status}`, { status: response.status });
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new TabApiError(`${method} ${path} did not return JSON`, { status: response.status, cause });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new TabApiError(`${method} ${path} returned an unexpected body`, { status: response.status, cause: parsed.error });
    }
    return parsed.data;
  }

  async function bearer(): Promise<string> {
    try {
      return await options.getToken();
    } catch (cause) {
      throw new TabApiError("Teams did not provide a sign-in token", { cause, noToken: true });
    }
  }

  return {
    health(signal) {
      return getJson("/healthz", HealthSchema, { signal: signal ?? null });
    },
    async getTab(path, schema, signal) {
      const token = await bearer();
      return getJson(path, schema, { signal: signal ?? null, headers: { authorization: `Bearer ${token}` } });
    },
    async postTab(path, schema, signal) {
      const token = await bearer();
      return getJson(path, schema, { method: "POST", signal: signal ?? null, headers: { authorization: `Bearer ${token}` } });
    },
  };
}
