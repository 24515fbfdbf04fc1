/**
 * Typed client for the bot's HTTP API as the tab sees it. Today only the health check is
 * used (for the version in the footer); `getTab` is the one path all `/api/tab/*` calls
 * will take, carrying the Teams SSO token that the server verifies against the issuer's JWKS.
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
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "TabApiError";
    this.status = options.status;
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
}

export function createTabApi(options: TabApiOptions): TabApi {
  const baseUrl = options.baseUrl ?? window.location.origin;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);

  async function getJson<T>(path: string, schema: z.ZodType<T>, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, baseUrl), { ...init, headers: { accept: "application/json", ...init.headers } });
    } catch (cause) {
      throw new TabApiError(`GET ${path} failed to reach the server`, { cause });
    }
    if (!response.ok) throw new TabApiError(`GET ${path} answered ${response.status}`, { status: response.status });
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new TabApiError(`GET ${path} did not return JSON`, { status: response.status, cause });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new TabApiError(`GET ${path} returned an unexpected body`, { status: response.status, cause: parsed.error });
    }
    return parsed.data;
  }

  return {
    health(signal) {
      return getJson("/healthz", HealthSchema, { signal: signal ?? null });
    },
    async getTab(path, schema, signal) {
      let token: string;
      try {
        token = await options.getToken();
      } catch (cause) {
        throw new TabApiError("Teams did not provide a sign-in token", { cause });
      }
      return getJson(path, schema, { signal: signal ?? null, headers: { authorization: `Bearer ${token}` } });
    },
  };
}
