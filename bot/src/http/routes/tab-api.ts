import type { Request, Response, Server } from "restify";
import type { AccountsService, AccountStatus, ConnectStep, UserRef } from "../../accounts/types";
import type { Logger } from "../../logger";
import { errorBody } from "../errors";
import { TabAuthError, type TabIdentity, type TabTokenVerifier } from "../tab-auth";

/**
 * The tab's account endpoints. Every request carries the Teams SSO token
 * (`authentication.getAuthToken()`), verified by tab-auth.ts before anything else happens; the
 * user is whoever the verified token says, never a parameter of the request.
 *
 * - `GET /api/tab/me` → what the bot's `whoami` shows: Microsoft identity, mode, the steps still
 *   to take (with their links), the Webex match and how Webex is reached.
 * - `POST /api/tab/disconnect` → forgets the user's tokens, link and calendar subscriptions.
 */

export interface TabApiDeps {
  verifier: TabTokenVerifier;
  accounts: AccountsService;
  logger: Logger;
}

/** One step as the tab renders it: a kind and the link its button opens (plus what a mismatch needs said). */
export type TabStep =
  | { kind: "microsoft-sign-in" | "webex-connect" | "admin-consent-missing"; url: string }
  | { kind: "webex-account-mismatch"; url: string; connectedAs: string; expected: string };

/** The match decision without internal ids: enough to say which Webex account, or why none. */
export type TabMatch =
  | { kind: "matched"; webexEmail: string; address: string; source: string }
  | { kind: "no-webex-account"; tried: string[] }
  | { kind: "domain-not-verified"; tried: string[]; verifiedDomains: string[] }
  | { kind: "account-disabled" };

export interface TabMeResponse {
  user: { tenantId: string; userId: string; displayName?: string; userPrincipalName?: string };
  mode: AccountStatus["mode"];
  /** True when no step is left: scheduling works. */
  ready: boolean;
  steps: TabStep[];
  match: TabMatch | null;
  webex: { via: "user-token" | "service-token"; email?: string } | null;
}

export interface TabDisconnectResponse {
  removedTokens: number;
  removedSubscriptions: number;
  removedLink: boolean;
}

// RFC 6750 §3: a request without credentials gets a bare challenge; a bad token gets invalid_token.
const CHALLENGE_MISSING = 'Bearer realm="webex-scheduler"';
const CHALLENGE_INVALID = 'Bearer realm="webex-scheduler", error="invalid_token"';

export function tabApiRoutes(deps: TabApiDeps): (server: Server) => void {
  return (server) => {
    server.get("/api/tab/me", authenticated(deps, "read account status", async (identity, res) => {
      const status = await deps.accounts.status(userRef(identity));
      res.send(200, toTabMe(status, identity));
    }));
    server.post("/api/tab/disconnect", authenticated(deps, "disconnect", async (identity, res) => {
      const user = userRef(identity);
      const result = await deps.accounts.disconnect(user);
      deps.logger.info({ tenantId: user.tenantId, userId: user.userId, ...result }, "user disconnected from the tab");
      const body: TabDisconnectResponse = result;
      res.send(200, body);
    }));
  };
}

/**
 * Wraps a handler: verify the bearer token first (401 on any token problem, 503 when the
 * identity provider's keys cannot be fetched), then run it; its failures become a logged 500.
 * restify 11: an async handler takes (req, res) and must not call next.
 */
function authenticated(deps: TabApiDeps, action: string, handler: (identity: TabIdentity, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    // Personal data: never cached by the browser or a proxy.
    res.setHeader("cache-control", "no-store");
    let identity: TabIdentity;
    try {
      identity = await deps.verifier.verify(bearerToken(req));
    } catch (error) {
      rejectToken(deps.logger, req, res, error);
      return;
    }
    try {
      await handler(identity, res);
    } catch (error) {
      deps.logger.error({ err: error, tenantId: identity.tenantId, userId: identity.userId, path: req.path() }, `tab API failed to ${action}`);
      res.send(500, errorBody("InternalError", "Something went wrong on our side. Try again; if it keeps failing, tell your admin the time it happened."));
    }
  };
}

function rejectToken(logger: Logger, req: Request, res: Response, error: unknown): void {
  if (error instanceof TabAuthError && error.reason === "unavailable") {
    logger.error({ reason: error.reason, detail: error.message, path: req.path() }, "tab token could not be checked: identity provider unreachable");
    res.setHeader("retry-after", "10");
    res.send(503, errorBody("IdentityUnavailable", "We couldn't check your sign-in right now. Try again in a moment."));
    return;
  }
  if (error instanceof TabAuthError) {
    // The reason and jose's message only: never the token, never its claims.
    logger.info({ reason: error.reason, detail: error.message, path: req.path() }, "rejected a tab request with a missing or invalid token");
    res.setHeader("www-authenticate", error.reason === "missing" ? CHALLENGE_MISSING : CHALLENGE_INVALID);
    res.send(401, errorBody("Unauthorized", "Your sign-in could not be verified. Sign in again, then retry."));
    return;
  }
  logger.error({ err: error, path: req.path() }, "tab token verification failed unexpectedly");
  res.send(500, errorBody("InternalError", "Something went wrong on our side. Try again; if it keeps failing, tell your admin the time it happened."));
}

/** `Authorization: Bearer <token>` (scheme case-insensitive, RFC 7235); anything else counts as missing. */
export function bearerToken(req: Pick<Request, "headers">): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
  return match?.[1];
}

function userRef(identity: TabIdentity): UserRef {
  return { tenantId: identity.tenantId, userId: identity.userId };
}

export function toTabMe(status: AccountStatus, identity: TabIdentity): TabMeResponse {
  const displayName = status.user.displayName ?? identity.name;
  const userPrincipalName = status.user.userPrincipalName ?? identity.upn;
  return {
    user: {
      // The verified token names the user; the status only adds directory details.
      tenantId: identity.tenantId,
      userId: identity.userId,
      ...(displayName ? { displayName } : {}),
      ...(userPrincipalName ? { userPrincipalName } : {}),
    },
    mode: status.mode,
    ready: status.steps.length === 0,
    steps: status.steps.map(toTabStep),
    match: status.match ? toTabMatch(status.match) : null,
    webex: status.webex ? { via: status.webex.via, ...(status.webex.email ? { email: status.webex.email } : {}) } : null,
  };
}

function toTabStep(step: ConnectStep): TabStep {
  switch (step.kind) {
    case "microsoft-sign-in":
    case "webex-connect":
      return { kind: step.kind, url: step.url };
    case "admin-consent-missing":
      return { kind: step.kind, url: step.adminConsentUrl };
    case "webex-account-mismatch":
      return { kind: step.kind, url: step.url, connectedAs: step.connectedAs, expected: step.expected };
  }
}

function toTabMatch(match: NonNullable<AccountStatus["match"]>): TabMatch {
  switch (match.kind) {
    case "matched":
      return { kind: "matched", webexEmail: match.webexEmail, address: match.address, source: match.source };
    case "no-webex-account":
      return { kind: "no-webex-account", tried: match.tried };
    case "domain-not-verified":
      return { kind: "domain-not-verified", tried: match.tried, verifiedDomains: match.verifiedDomains };
    case "account-disabled":
      return { kind: "account-disabled" };
  }
}
