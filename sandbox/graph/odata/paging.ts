import { GraphError } from "../errors";
import type { GraphRequest } from "../types";

/**
 * Server-driven paging. The directory pages with an opaque `$skiptoken`; Outlook pages with
 * `$skip`. Either way the client must follow `@odata.nextLink` verbatim, which keeps every
 * other query option of the first request.
 */

export function nextLink(req: GraphRequest, replace: Record<string, string>, drop: string[] = []): string {
  const params = new URLSearchParams();
  const replaced = new Set(Object.keys(replace).map((k) => k.toLowerCase()));
  const dropped = new Set(drop.map((d) => d.toLowerCase()));
  for (const [k, v] of req.query) {
    if (replaced.has(k.toLowerCase()) || dropped.has(k.toLowerCase())) continue;
    params.append(k, v);
  }
  for (const [k, v] of Object.entries(replace)) params.append(k, v);
  // Graph leaves `$` unescaped in its links; so does this.
  const qs = params.toString().replace(/%24/g, "$");
  return `${req.origin}/v1.0${req.path}?${qs}`;
}

export function encodeSkipToken(offset: number): string {
  // Looks like Graph's (opaque, base64-ish) so clients cannot be tempted to build their own.
  return `RFNwdAIAAQAAA${Buffer.from(JSON.stringify({ o: offset })).toString("base64url")}`;
}

export function decodeSkipToken(token: string | null): number {
  if (token === null) return 0;
  const m = /^RFNwdAIAAQAAA(.+)$/.exec(token);
  try {
    const parsed = m ? (JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8")) as { o?: unknown }) : undefined;
    if (parsed && typeof parsed.o === "number" && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new GraphError(400, "Request_BadRequest", "The specified page token value has expired or is invalid.");
}

/** Parses `$top` within [1, max]; out of range or not a number → the caller's error. */
export function parseTop(raw: string | null, fallback: number, max: number, invalid: (message: string) => GraphError): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw invalid(`Invalid value '${raw}' for $top query option.`);
  const n = Number(raw);
  if (n < 1 || n > max) throw invalid(`Invalid page size specified: '${n}'. Must be between 1 and ${max} inclusive.`);
  return n;
}
