import type { ServerResponse } from "node:http";
import { parseForm, sendEmpty, sendJson, sendText, type Handler, type Router } from "../common/http";
import type { WebexContext } from "./context";
import type { WebexPerson } from "./directory";
import { sendWebexError } from "./errors";
import { ADMIN_SCOPES, redirectUriAllowed, SCOPE_DESCRIPTIONS, type WebexIntegration } from "./integration";

/**
 * Webex OAuth 2 authorization-code grant (developer.webex.com/docs/integrations):
 * - GET /v1/authorize?client_id&response_type=code&redirect_uri&scope&state → a page where a
 *   sandbox person picks who they are and accepts; the form posts back to /v1/authorize,
 *   which redirects to redirect_uri with `code` and `state` (or `error=access_denied`).
 * - POST /v1/access_token (form) with grant_type authorization_code or refresh_token →
 *   {access_token, expires_in, refresh_token, refresh_token_expires_in, token_type, scope}.
 * Webex keeps the same refresh token across refreshes. Errors use Webex's error body.
 */
export function registerOAuthRoutes(router: Router, ctx: WebexContext): void {
  router.get("/v1/authorize", authorizePage(ctx));
  router.post("/v1/authorize", authorizeDecision(ctx));
  router.post("/v1/access_token", accessToken(ctx));
}

interface AuthorizeRequest {
  integration: WebexIntegration;
  redirectUri: string;
  scopes: string[];
  state: string | null;
}

/** Validates client and redirect URI (errors shown on the page: never redirect to an unknown URI). */
function readAuthorizeRequest(ctx: WebexContext, params: URLSearchParams, res: ServerResponse): AuthorizeRequest | undefined {
  const integration = ctx.integrations.get(params.get("client_id") ?? "");
  if (!integration) {
    sendText(res, 400, page("Sign-in failed", "<p>Invalid client_id: no integration is registered with this id.</p>"), "text/html; charset=utf-8");
    return undefined;
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!redirectUriAllowed(integration, redirectUri)) {
    sendText(res, 400, page("Sign-in failed", `<p>The redirect_uri ${esc(redirectUri)} does not match the integration's registered redirect URIs.</p>`), "text/html; charset=utf-8");
    return undefined;
  }
  const state = params.get("state");
  const responseType = params.get("response_type");
  if (responseType !== "code") {
    redirect(res, redirectUri, { error: "unsupported_response_type", error_description: "response_type must be code.", state });
    return undefined;
  }
  const scopes = (params.get("scope") ?? "").split(/[\s+]+/).filter((s) => s !== "");
  const unknown = scopes.filter((s) => !integration.scopes.includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    const why = scopes.length === 0 ? "No scope was requested." : `The integration is not registered for: ${unknown.join(" ")}.`;
    redirect(res, redirectUri, { error: "invalid_scope", error_description: why, state });
    return undefined;
  }
  return { integration, redirectUri, scopes, state };
}

function authorizePage(ctx: WebexContext): Handler {
  return (req, res) => {
    const ar = readAuthorizeRequest(ctx, req.query, res);
    if (!ar) return;
    const hint = (req.query.get("login_hint") ?? req.query.get("email") ?? "").toLowerCase();
    const people = ctx.directory.inOrg(ctx.directory.orgId).filter((p) => p.loginEnabled);
    const choices = people
      .map((p, i) => {
        const checked = p.email.toLowerCase() === hint || (hint === "" && i === 0) ? " checked" : "";
        const admin = p.isAdmin ? " (Webex admin)" : "";
        return `<label><input type="radio" name="email" value="${esc(p.email)}"${checked}> ${esc(p.displayName)} &lt;${esc(p.email)}&gt;${admin}</label><br>`;
      })
      .join("\n");
    const hidden = (["client_id", "redirect_uri", "scope", "state", "response_type"] as const)
      .map((k) => `<input type="hidden" name="${k}" value="${esc(req.query.get(k) ?? "")}">`)
      .join("");
    const scopes = ar.scopes.map((s) => `<li>${esc(SCOPE_DESCRIPTIONS[s] ?? s)} <code>${esc(s)}</code></li>`).join("");
    const body = `<p><b>${esc(ar.integration.name)}</b> would like to:</p><ul>${scopes}</ul>
<form method="post" action="/v1/authorize">${hidden}
<fieldset><legend>Sign in as</legend>${choices}</fieldset>
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="decline">Decline</button></form>`;
    sendText(res, 200, page("Webex sandbox — sign in", body), "text/html; charset=utf-8");
  };
}

function authorizeDecision(ctx: WebexContext): Handler {
  return (req, res) => {
    const form = parseForm(req.body);
    const ar = readAuthorizeRequest(ctx, form, res);
    if (!ar) return;
    if (form.get("decision") !== "accept") {
      return redirect(res, ar.redirectUri, { error: "access_denied", error_description: "The user declined the authorization request.", state: ar.state });
    }
    const person: WebexPerson | undefined = ctx.directory.byEmail(form.get("email") ?? "");
    if (!person || person.orgId !== ctx.directory.orgId || !person.loginEnabled) {
      return sendText(res, 400, page("Sign-in failed", "<p>That person cannot sign in to Webex.</p>"), "text/html; charset=utf-8");
    }
    if (!person.isAdmin && ar.scopes.some((s) => ADMIN_SCOPES.has(s))) {
      return redirect(res, ar.redirectUri, { error: "access_denied", error_description: "Admin scopes can only be granted by a Webex administrator.", state: ar.state });
    }
    const code = ctx.tokens.issueCode(person, ar.scopes, ar.integration.clientId, ar.redirectUri);
    redirect(res, ar.redirectUri, { code: code.token, state: ar.state });
  };
}

function accessToken(ctx: WebexContext): Handler {
  return (req, res) => {
    const form = parseForm(req.body);
    const grantType = form.get("grant_type");
    const integration = ctx.integrations.get(form.get("client_id") ?? "");
    if (!integration || form.get("client_secret") !== integration.clientSecret) {
      return sendWebexError(res, 401, "Invalid client_id or client_secret.", ["The client_id or client_secret is not valid."]);
    }
    if (grantType === "authorization_code") {
      const code = ctx.tokens.redeemCode(form.get("code") ?? "");
      if (!code || code.clientId !== integration.clientId) {
        return sendWebexError(res, 400, "Invalid authorization code.", ["The authorization code is expired, already used, or was issued to another client."]);
      }
      if (form.get("redirect_uri") !== code.redirectUri) {
        return sendWebexError(res, 400, "Invalid redirect_uri.", ["redirect_uri must match the one used in the authorization request."]);
      }
      const access = ctx.tokens.issueAccess(code.person, code.scopes, integration.clientId);
      const refresh = ctx.tokens.issueRefresh(code.person, code.scopes, integration.clientId);
      return sendJson(res, 200, tokenResponse(ctx, access.token, access.expiresAtMs, refresh.token, refresh.expiresAtMs, [...code.scopes]), { "cache-control": "no-store" });
    }
    if (grantType === "refresh_token") {
      const refresh = ctx.tokens.useRefresh(form.get("refresh_token") ?? "");
      if (!refresh || refresh.clientId !== integration.clientId) {
        return sendWebexError(res, 400, "The refresh token provided is expired, revoked, malformed, or invalid.");
      }
      const access = ctx.tokens.issueAccess(refresh.person, refresh.scopes, integration.clientId);
      return sendJson(res, 200, tokenResponse(ctx, access.token, access.expiresAtMs, refresh.token, refresh.expiresAtMs, [...refresh.scopes]), { "cache-control": "no-store" });
    }
    sendWebexError(res, 400, "Unsupported grant_type.", ["grant_type must be authorization_code or refresh_token."]);
  };
}

function tokenResponse(ctx: WebexContext, access: string, accessExp: number, refresh: string, refreshExp: number, scopes: string[]): Record<string, unknown> {
  const secs = (exp: number): number => Math.max(0, Math.floor((exp - ctx.now()) / 1000));
  return {
    access_token: access,
    expires_in: secs(accessExp),
    refresh_token: refresh,
    refresh_token_expires_in: secs(refreshExp),
    token_type: "Bearer",
    scope: scopes.join(" "),
  };
}

function redirect(res: ServerResponse, redirectUri: string, params: Record<string, string | null>): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  sendEmpty(res, 302, { location: url.toString() });
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
