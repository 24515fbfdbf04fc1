import type { SandboxRequest } from "../common/http";
import type { WebexDirectory } from "./directory";
import type { CreationQuota, Faults } from "./faults";
import type { WebexIntegration } from "./integration";
import type { MeetingStore } from "./meetings/store";
import { isValidTimeZone } from "./time";
import type { TokenStore } from "./tokens";

/** Everything a route handler of the emulator needs; built once per emulator. */
export interface WebexContext {
  directory: WebexDirectory;
  tokens: TokenStore;
  meetings: MeetingStore;
  faults: Faults;
  quota: CreationQuota;
  integrations: Map<string, WebexIntegration>;
  /** Emulator time in ms: the injected clock plus any offset set through /_sandbox/clock. */
  now(): number;
  /** The Webex site, e.g. "contoso-sandbox.webex.com". */
  siteUrl: string;
  /** How far in the past a new start may lie before it is refused (Webex rounds it up). */
  startGraceMs: number;
  /** The emulator's own base URL as callers reach it, for absolute `Link` headers. */
  baseUrl(req: SandboxRequest): string;
}

/**
 * The zone for times in a response: the `timezone` request header, else `fallback`. Webex
 * answers GET and list in UTC by default, but create/update in the meeting's own zone (see
 * the examples in the official OpenAPI); the `timezone` attribute names the zone used.
 */
export function responseZone(req: SandboxRequest, fallback = "UTC"): string {
  const h = req.headers.timezone;
  const tz = Array.isArray(h) ? h[0] : h;
  return tz && isValidTimeZone(tz) ? tz : fallback;
}

/** `Link: <…>; rel="next"` for offset paging, keeping the caller's other query parameters. */
export function nextLink(ctx: WebexContext, req: SandboxRequest, offset: number, max: number, total: number): Record<string, string> {
  if (offset + max >= total) return {};
  const url = new URL(req.path, ctx.baseUrl(req));
  for (const [k, v] of req.query) if (k !== "offset") url.searchParams.append(k, v);
  url.searchParams.set("offset", String(offset + max));
  return { link: `<${url.toString()}>; rel="next"` };
}

/** Parses `max`/`offset`; undefined when invalid. */
export function parsePaging(req: SandboxRequest, defaultMax: number, limit: number): { max: number; offset: number } | undefined {
  const rawMax = req.query.get("max");
  const rawOffset = req.query.get("offset");
  const max = rawMax === null ? defaultMax : Number(rawMax);
  const offset = rawOffset === null ? 0 : Number(rawOffset);
  if (!Number.isInteger(max) || max < 1 || max > limit || !Number.isInteger(offset) || offset < 0) return undefined;
  return { max, offset };
}
