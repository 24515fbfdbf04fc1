import type { Request, Response } from "restify";
import type { TokenManager } from "../../identity/token-manager";
import type { RouteModule, UserRef } from "../types";
import type { OAuthStates } from "./oauth-state";
import { localeFromAcceptLanguage, renderPage, type Page } from "./pages";
import type { WebexTokenEndpoint } from "./token-endpoint";

/**
 * The two HTTP steps of Webex OAuth on this service:
 * - GET /api/auth/webex/start?state → 302 to Webex's /v1/authorize. The connect link points here
 *   (not straight at Webex) so it stays short, carries no client id, and is checked before leaving.
 * - GET /api/auth/webex/callback?code&state (or ?error&state) → redeems the code, stores the tokens
 *   for the user the state stands for, and answers a small page in the user's language.
 */

export const START_PATH = "/api/auth/webex/start";
export const CALLBACK_PATH = "/api/auth/webex/callback";

/** Structural subset of a pino logger. */
export interface WebexAccountsLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WebexOAuthRoutesDeps {
  states: OAuthStates;
  endpoint: WebexTokenEndpoint;
  tokens: Pick<TokenManager, "saveTokens">;
  logger: WebexAccountsLogger;
  /** Webex's authorize URL for this state. */
  authorizeUrl(state: string): string;
  /** Where Webex sends the browser back (must equal the one in authorizeUrl). */
  redirectUri: string;
  /** A fresh connect link (for the retry link on the cancelled/failed pages). */
  connectUrl(user: UserRef, locale?: string): Promise<string>;
}

export function webexOAuthRoutes(deps: WebexOAuthRoutesDeps): RouteModule {
  return (server) => {
    // restify 11: async handlers take (req, res) and must not call next.
    server.get(START_PATH, async (req: Request, res: Response) => {
      const query = queryOf(req);
      const pending = await deps.states.peek(query.get("state") ?? "");
      if (pending === undefined) return sendPage(res, renderPage("invalid", browserLocale(req)));
      res.sendRaw(302, "", { location: deps.authorizeUrl(query.get("state") ?? ""), "cache-control": "no-store", "referrer-policy": "no-referrer" });
    });

    server.get(CALLBACK_PATH, async (req: Request, res: Response) => {
      sendPage(res, await callback(deps, req));
    });
  };
}

async function callback(deps: WebexOAuthRoutesDeps, req: Request): Promise<Page> {
  const query = queryOf(req);
  const pending = await deps.states.consume(query.get("state") ?? "");
  if (pending === undefined) {
    deps.logger.warn({ hasCode: query.has("code"), error: query.get("error") ?? undefined }, "webex oauth callback with an unknown, expired or used state");
    return renderPage("invalid", browserLocale(req));
  }
  const user: UserRef = { tenantId: pending.tenantId, userId: pending.userId };
  const log = { tenantId: user.tenantId, userId: user.userId };
  const retry = () => deps.connectUrl(user, pending.locale);

  const error = query.get("error");
  if (error !== null) {
    // Webex's own words go to the log only; the user gets our page in their language.
    deps.logger.info({ ...log, error, description: query.get("error_description") ?? undefined }, "webex authorization not granted");
    return renderPage(error === "access_denied" ? "cancelled" : "failed", pending.locale, await retry());
  }
  const code = query.get("code");
  if (code === null || code === "") {
    deps.logger.warn(log, "webex oauth callback without a code");
    return renderPage("failed", pending.locale, await retry());
  }
  try {
    const tokenSet = await deps.endpoint.redeemCode(code, deps.redirectUri);
    await deps.tokens.saveTokens(user, "webex-user", tokenSet);
  } catch (err) {
    deps.logger.error({ ...log, err: summary(err) }, "could not redeem the webex authorization code");
    return renderPage("failed", pending.locale, await retry());
  }
  deps.logger.info(log, "webex connected");
  return renderPage("connected", pending.locale);
}

function sendPage(res: Response, page: Page): void {
  res.sendRaw(page.status, page.html, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // The callback URL carries the authorization code: never hand it on as a Referer.
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
}

/** Parsed from the raw URL so the routes work with or without restify's queryParser. */
function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? "/", "http://localhost").searchParams;
}

function browserLocale(req: Request): string | undefined {
  const header = req.headers["accept-language"];
  return localeFromAcceptLanguage(typeof header === "string" ? header : undefined);
}

/** Name, message and HTTP status only: a token-endpoint error never holds tokens, but a cause might. */
function summary(err: unknown): { name: string; message: string; status?: number } {
  if (!(err instanceof Error)) return { name: "unknown", message: String(err) };
  const status = (err as { status?: unknown }).status;
  return { name: err.name, message: err.message, ...(typeof status === "number" ? { status } : {}) };
}
