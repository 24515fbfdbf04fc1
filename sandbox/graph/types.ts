import type { AccessTokenClaims } from "../common/tokens";

/**
 * The emulator's internal request/response model. HTTP requests and `$batch` sub-requests are
 * both turned into a `GraphRequest` and run through the same pipeline (auth, faults, throttling,
 * routing), so a sub-request behaves exactly like the same call made on its own.
 */
export interface GraphRequest {
  method: string;
  /** Path below `/v1.0`, e.g. `/users/abc/events` (percent-decoded per segment later by the router). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Raw body text ("" when none). */
  body: string;
  requestId: string;
  clientRequestId: string;
  /** e.g. `https://localhost:4321` — absolute links (`@odata.nextLink`, `@odata.context`) start here. */
  origin: string;
  /** False for `$batch` sub-requests: a dropped-connection fault cannot drop half a batch. */
  topLevel: boolean;
}

export interface GraphResult {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; `undefined` means no body (e.g. 204). */
  body?: unknown;
  /** A text body instead of JSON. */
  text?: string;
}

export type Principal =
  | { kind: "delegated"; claims: AccessTokenClaims; appId: string; scopes: Set<string>; userId: string }
  | { kind: "application"; claims: AccessTokenClaims; appId: string; roles: Set<string>; servicePrincipalId: string };

/** What a route handler gets: the request, its path parameters and the authenticated caller. */
export interface RouteContext {
  req: GraphRequest;
  params: Record<string, string>;
  principal: Principal;
}

export type RouteHandler = (ctx: RouteContext) => GraphResult | Promise<GraphResult>;

/** A route that works on one mailbox declares how to find it, so the pipeline can apply Outlook's per-mailbox limits. */
export type MailboxOf = (ctx: RouteContext) => string | undefined;
