import type { MailboxOf, RouteHandler } from "./types";

/**
 * Graph's URL space, matched case-insensitively segment by segment (`:name` captures one
 * segment, percent-decoded). Kept apart from sandbox/common/http.ts's Router because routes here
 * return results instead of writing to a socket: `$batch` runs them too.
 */
export interface GraphRoute {
  method: string;
  segments: string[];
  handler: RouteHandler;
  /** Set for routes that work on one mailbox: Outlook's per-mailbox limits apply to them. */
  mailbox?: MailboxOf;
}

export type RouteMatch =
  | { kind: "found"; route: GraphRoute; params: Record<string, string> }
  | { kind: "method-not-allowed" }
  | { kind: "not-found"; segment: string };

export class RouteTable {
  private readonly routes: GraphRoute[] = [];

  add(method: string, pattern: string, handler: RouteHandler, mailbox?: MailboxOf): this {
    this.routes.push({ method: method.toUpperCase(), segments: pattern.split("/").filter(Boolean), handler, mailbox });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const actual = path.split("/").filter(Boolean);
    let methodMismatch = false;
    let deepest = 0;
    for (const route of this.routes) {
      const { params, matched } = matchSegments(route.segments, actual);
      deepest = Math.max(deepest, matched);
      if (!params) continue;
      if (route.method !== method.toUpperCase()) {
        methodMismatch = true;
        continue;
      }
      return { kind: "found", route, params };
    }
    if (methodMismatch) return { kind: "method-not-allowed" };
    return { kind: "not-found", segment: safeDecode(actual[deepest] ?? actual[actual.length - 1] ?? "") };
  }
}

function matchSegments(pattern: string[], actual: string[]): { params?: Record<string, string>; matched: number } {
  const params: Record<string, string> = {};
  let i = 0;
  for (; i < Math.min(pattern.length, actual.length); i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith(":")) params[p.slice(1)] = safeDecode(a);
    else if (p.toLowerCase() !== safeDecode(a).toLowerCase()) return { matched: i };
  }
  if (pattern.length !== actual.length) return { matched: i };
  return { params, matched: i };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
