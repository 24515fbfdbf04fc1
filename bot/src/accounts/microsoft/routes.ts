import type { Request, Response, Server } from "restify";
import { z } from "zod";
import type { TokenManager } from "../../identity/token-manager";
import { languageOf } from "../../teams/i18n";
import type { UserRef } from "../types";
import { authCodeUrl, redeemCode } from "./delegated-tokens";
import type { MsalSettings } from "./msal-clients";
import { fill, languageOfRequest, sendPage, sendRedirect, stringsFor } from "./pages";
import { codeChallengeOf, type SignInStates } from "./sign-in-state";
import type { TenantModes } from "./tenant-mode";

/**
 * The browser side of Microsoft authorization:
 *   GET /api/auth/microsoft/start?state            → 302 to Entra's authorize page (PKCE S256)
 *   GET /api/auth/microsoft/callback?code&state    → redeem, check it is the user who asked, store
 *   GET /api/auth/microsoft/admin-consent?admin_consent&tenant → re-decide the tenant's mode
 * Each answers with a small localised HTML page (pages.ts), never JSON: a person reads it.
 */
export const MICROSOFT_AUTH_PATHS = {
  start: "/api/auth/microsoft/start",
  callback: "/api/auth/microsoft/callback",
  adminConsent: "/api/auth/microsoft/admin-consent",
} as const;

/** Structural subset of a pino logger. */
export interface RoutesLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface MicrosoftRoutesDeps {
  publicBaseUrl: string;
  settings: MsalSettings;
  states: SignInStates;
  tokens: Pick<TokenManager, "saveTokens">;
  modes: Pick<TenantModes, "invalidate" | "modeFor">;
  signInUrl(user: UserRef, locale?: string): Promise<string>;
  now: () => Date;
  logger: RoutesLogger;
}

// Query strings Entra sends back: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
// and https://learn.microsoft.com/entra/identity-platform/v2-admin-consent (extra parameters are ignored).
const text = z.string().max(4096).optional();
const StartQuery = z.looseObject({ state: z.string().min(1).max(200) });
const CallbackQuery = z.looseObject({ state: z.string().min(1).max(200), code: text, error: text, error_description: text });
const AdminConsentQuery = z.looseObject({
  admin_consent: text,
  tenant: z.string().regex(/^[0-9a-fA-F-]{36}$/).optional(),
  error: text,
  error_description: text,
});

export function microsoftAuthRoutes(deps: MicrosoftRoutesDeps): (server: Server) => void {
  const redirectUri = `${deps.publicBaseUrl}${MICROSOFT_AUTH_PATHS.callback}`;

  const linkInvalid = (req: Request, res: Response) => {
    const language = languageOfRequest(req);
    const s = stringsFor(language);
    sendPage(res, language, { status: 400, title: s.linkInvalidTitle, body: s.linkInvalidBody });
  };

  /** Unexpected failures end on a page too, with the detail in the log only. */
  const guarded = (name: string, handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      deps.logger.error({ err: summary(error), route: name }, "Microsoft authorization route failed");
      if (res.headersSent) return;
      const language = languageOfRequest(req);
      const s = stringsFor(language);
      sendPage(res, language, { status: 500, title: s.failedTitle, body: s.failedBody });
    }
  };

  const start = guarded("start", async (req, res) => {
    const query = StartQuery.safeParse(req.query ?? {});
    const state = query.success ? await deps.states.peek(query.data.state) : undefined;
    if (!query.success || state === undefined) return linkInvalid(req, res);
    const url = await authCodeUrl(deps.settings, {
      tenantId: state.tenantId,
      state: query.data.state,
      codeChallenge: codeChallengeOf(state.codeVerifier),
      redirectUri,
    });
    sendRedirect(res, url);
  });

  const callback = guarded("callback", async (req, res) => {
    const query = CallbackQuery.safeParse(req.query ?? {});
    if (!query.success) return linkInvalid(req, res);
    const consumed = await deps.states.consume(query.data.state);
    if (!consumed.ok) {
      deps.logger.warn({ reason: consumed.reason }, "Microsoft sign-in callback with an unusable state");
      return linkInvalid(req, res);
    }
    const { state } = consumed;
    const user: UserRef = { tenantId: state.tenantId, userId: state.userId };
    const language = languageOf(state.locale);
    const s = stringsFor(language);
    const retry = async () => ({ href: await deps.signInUrl(user, state.locale), label: s.retry });
    const { code, error, error_description: description } = query.data;

    if (error !== undefined || code === undefined) {
      const entraCode = /AADSTS\d+/.exec(description ?? "")?.[0] ?? error ?? "no_code";
      deps.logger.info({ tenantId: user.tenantId, userId: user.userId, error: entraCode }, "Microsoft sign-in not completed");
      // access_denied / AADSTS65004: the person pressed Cancel on the consent page.
      if (error === "access_denied" || entraCode === "AADSTS65004") {
        return sendPage(res, language, { status: 200, title: s.declinedTitle, body: s.declinedBody, link: await retry() });
      }
      return sendPage(res, language, { status: 400, title: s.failedTitle, body: fill(s.entraErrorBody, { code: entraCode }), link: await retry() });
    }

    let redeemed;
    try {
      redeemed = await redeemCode(deps.settings, { tenantId: user.tenantId, code, codeVerifier: state.codeVerifier, redirectUri }, deps.now);
    } catch (err) {
      deps.logger.warn({ tenantId: user.tenantId, userId: user.userId, err: summary(err) }, "Microsoft sign-in: code redemption failed");
      return sendPage(res, language, { status: 502, title: s.failedTitle, body: s.failedBody, link: await retry() });
    }
    // The link was made for one Teams user; tokens of whoever else signed in must not land on their account.
    if (!sameId(redeemed.tenantId, user.tenantId) || !sameId(redeemed.objectId, user.userId)) {
      deps.logger.warn({ tenantId: user.tenantId, userId: user.userId, signedInTenantId: redeemed.tenantId, signedInUserId: redeemed.objectId }, "Microsoft sign-in by another account refused");
      const account = redeemed.username ?? redeemed.objectId;
      return sendPage(res, language, { status: 403, title: s.wrongAccountTitle, body: fill(s.wrongAccountBody, { account }), link: await retry() });
    }
    await deps.tokens.saveTokens({ tenantId: user.tenantId, userId: user.userId }, "graph-user", redeemed.tokenSet);
    deps.logger.info({ tenantId: user.tenantId, userId: user.userId }, "Microsoft sign-in completed");
    sendPage(res, language, { status: 200, title: s.signedInTitle, body: s.signedInBody });
  });

  // Anyone can open this URL, so nothing in it is trusted: it only makes us ask Entra again.
  const adminConsent = guarded("admin-consent", async (req, res) => {
    const language = languageOfRequest(req);
    const s = stringsFor(language);
    const query = AdminConsentQuery.safeParse(req.query ?? {});
    if (!query.success) return linkInvalid(req, res);
    const { admin_consent: granted, tenant, error, error_description: description } = query.data;
    if (error !== undefined) {
      const entraCode = /AADSTS\d+/.exec(description ?? "")?.[0] ?? error;
      const body = error === "access_denied" ? s.adminDeclinedBody : `${fill(s.entraErrorBody, { code: entraCode })} ${s.adminDeclinedBody}`;
      return sendPage(res, language, { status: 200, title: s.adminTitle, body });
    }
    if (tenant === undefined || granted?.toLowerCase() !== "true") return linkInvalid(req, res);
    await deps.modes.invalidate(tenant);
    const mode = await deps.modes.modeFor(tenant);
    deps.logger.info({ tenantId: tenant, mode }, "admin consent callback");
    sendPage(res, language, { status: 200, title: s.adminTitle, body: mode === "tenant" ? s.adminThanksBody : s.adminPendingBody });
  });

  return (server) => {
    server.get(MICROSOFT_AUTH_PATHS.start, start);
    server.get(MICROSOFT_AUTH_PATHS.callback, callback);
    server.get(MICROSOFT_AUTH_PATHS.adminConsent, adminConsent);
  };
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function summary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: "unknown", message: String(error) };
}
