import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { parseForm, type SandboxRequest } from "../common/http";
import type { TenantUser } from "../tenant";
import type { RegisteredApp } from "./apps";
import { grantedScopes, missingConsent, needsAdmin, requestedForConsent } from "./consent";
import { findUser, tenantIdFor, type IdentityContext } from "./context";
import { checkClientRequest } from "./client-request";
import { EntraError, entraErrorBody } from "./errors";
import { escapeHtml, hidden, page, sendErrorPage, sendHtml, sendRedirect } from "./html";
import { describeScope } from "./permissions";
import { parseScope } from "./scopes";
import { opaque, type PendingAuthorize, type ResponseMode } from "./state";

/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize` — the interactive half of the authorization-code
 * flow, as plain HTML forms:
 *   1. pick who you are (the tenant's enabled users; `login_hint` skips this unless
 *      `prompt=select_account` or `prompt=login`);
 *   2. consent to the requested permissions — skipped when everything is already consented,
 *      unless `prompt=consent`; permissions that need an admin show "Need admin approval"
 *      (AADSTS90094) to non-admins; an admin may consent for the whole organisation;
 *   3. back to `redirect_uri` with `code` and `state`.
 * Errors about the client or reply URL are shown on the page (Entra never redirects to an
 * unverified URL); the rest go back to the app as `error` / `error_description`.
 * There is no sign-in session: `prompt=none` works only with a `login_hint`.
 */

const RESPONSE_MODES = new Set<ResponseMode>(["query", "fragment", "form_post"]);

export function authorizeRoutes(ctx: IdentityContext) {
  return { start: (req: SandboxRequest, res: ServerResponse) => start(ctx, req, res), submit: (req: SandboxRequest, res: ServerResponse) => submit(ctx, req, res) };
}

function redirectError(ctx: IdentityContext, res: ServerResponse, p: Pick<PendingAuthorize, "redirectUri" | "responseMode" | "state">, err: EntraError, extra: Record<string, string> = {}): void {
  const body = entraErrorBody(err, ctx.now(), ctx.baseUrl());
  sendRedirect(res, p.redirectUri, { error: err.error, error_description: String(body.error_description), ...extra, ...(p.state !== undefined ? { state: p.state } : {}) }, p.responseMode);
}

function start(ctx: IdentityContext, req: SandboxRequest, res: ServerResponse): void {
  const q = req.query;
  const checked = checkClientRequest(ctx, req, res);
  if (!checked) return;
  const { ref, app, redirectUri } = checked;
  const mode = (q.get("response_mode") ?? "query") as ResponseMode;
  const back = { redirectUri, responseMode: RESPONSE_MODES.has(mode) ? mode : "query", state: q.get("state") ?? undefined } as const;
  const fail = (err: EntraError) => redirectError(ctx, res, back, err);

  const responseType = q.get("response_type");
  if (!responseType) return fail(new EntraError("invalid_request", 900144, "The request body must contain the following parameter: 'response_type'."));
  if (responseType !== "code") return fail(new EntraError("unsupported_response_type", 700054, `response_type '${responseType}' is not enabled for the application.`));
  const rawScope = q.get("scope");
  if (!rawScope) return fail(new EntraError("invalid_request", 900144, "The request body must contain the following parameter: 'scope'."));
  let scope;
  try {
    scope = parseScope(rawScope, ctx.apps, ref.name);
  } catch (error) {
    if (error instanceof EntraError) return fail(error);
    throw error;
  }
  if (scope.resource.kind === "botframework") return fail(new EntraError("invalid_scope", 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${rawScope} is not valid.`));
  const challenge = q.get("code_challenge") ?? undefined;
  const method = q.get("code_challenge_method") ?? (challenge ? "plain" : undefined);
  if (method !== undefined && method !== "S256" && method !== "plain") return fail(new EntraError("invalid_request", 9002313, `Invalid request. The code_challenge_method '${method}' is not supported.`));
  if (method !== undefined && !challenge) return fail(new EntraError("invalid_request", 900144, "The request body must contain the following parameter: 'code_challenge'."));

  const tx = opaque("tx-", 24);
  const pending: PendingAuthorize = {
    kind: "authorize",
    ref,
    app,
    ...back,
    scope,
    nonce: q.get("nonce") ?? undefined,
    codeChallenge: challenge,
    codeChallengeMethod: method,
    prompt: q.get("prompt") ?? undefined,
    expiresAt: ctx.now().getTime() + 30 * 60 * 1000,
  };
  ctx.state.pending.set(tx, pending);

  const hint = q.get("login_hint");
  const hinted = hint ? findUser(ctx.tenant, hint) : undefined;
  if (hinted && pending.prompt !== "select_account" && pending.prompt !== "login") return void continueAs(ctx, res, tx, pending, hinted);
  if (pending.prompt === "none") return fail(new EntraError("login_required", 50058, "A silent sign-in request was sent but no user is signed in."));
  sendHtml(res, 200, pickerPage(ctx, req.params.tenant ?? "", tx, app));
}

function pickerPage(ctx: IdentityContext, tenantSegment: string, tx: string, app: RegisteredApp): string {
  const users = ctx.tenant.users
    .filter((u) => u.accountEnabled)
    .map((u, i) => `<label><input type="radio" name="user_id" value="${escapeHtml(u.id)}"${i === 0 ? " checked" : ""}> ${escapeHtml(u.displayName)} <small>${escapeHtml(u.userPrincipalName)}</small></label>`)
    .join("\n");
  return page(
    "Sign in to your account",
    `<h1>Pick an account</h1><p>to continue to <b>${escapeHtml(app.displayName)}</b></p>
<form method="post" action="/${escapeHtml(encodeURIComponent(tenantSegment))}/oauth2/v2.0/authorize" id="pick">
${hidden({ tx, step: "select" })}
${users}
<label>Another account: <input type="text" name="login" placeholder="someone@${escapeHtml(ctx.tenant.verifiedDomains[0] ?? "")}"></label>
<button type="submit">Next</button></form>`,
  );
}

function consentPage(ctx: IdentityContext, tenantSegment: string, tx: string, pending: PendingAuthorize, user: TenantUser): string {
  const scopes = requestedForConsent(pending.app, pending.scope);
  const items = scopes.map((s) => `<li><code>${escapeHtml(s)}</code> — ${escapeHtml(describeScope(s))}</li>`).join("\n");
  const org = user.isAdmin ? `<label><input type="checkbox" name="consent_org" value="1"> Consent on behalf of your organization</label>` : "";
  return page(
    "Permissions requested",
    `<h1>Permissions requested</h1><p><b>${escapeHtml(pending.app.displayName)}</b> would like to, for ${escapeHtml(user.userPrincipalName)}:</p>
<ul id="scopes">${items}</ul>
<form method="post" action="/${escapeHtml(encodeURIComponent(tenantSegment))}/oauth2/v2.0/authorize" id="consent">
${hidden({ tx, step: "consent" })}
${org}
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="cancel">Cancel</button></form>`,
  );
}

function continueAs(ctx: IdentityContext, res: ServerResponse, tx: string, pending: PendingAuthorize, user: TenantUser): void {
  if (pending.ref.kind === "botframework") return sendErrorPage(res, 400, 50034, `The user account ${user.userPrincipalName} does not exist in the ${pending.ref.name} directory.`);
  if (!user.accountEnabled) return sendErrorPage(res, 400, 50057, "The user account is disabled.");
  pending.userId = user.id;
  const missing = missingConsent(ctx, user.id, pending.app, pending.scope);
  if (missing.length === 0 && pending.prompt !== "consent") return finish(ctx, res, tx, pending, user);
  if (pending.prompt === "none") {
    return redirectError(ctx, res, pending, new EntraError("consent_required", 65001, `The user or administrator has not consented to use the application with ID '${pending.app.clientId}' named '${pending.app.displayName}'. Send an interactive authorization request for this user and resource.`));
  }
  const adminGranted = ctx.state.adminScopes(pending.app.clientId);
  const blocked = needsAdmin(missing).filter((s) => !adminGranted.has(s));
  if (blocked.length > 0 && !user.isAdmin) {
    return sendErrorPage(res, 403, 90094, `The grant requires admin permission. Need admin approval: ${pending.app.displayName} needs permission to access resources in your organization that only an admin can grant (${blocked.join(", ")}).`);
  }
  sendHtml(res, 200, consentPage(ctx, pending.ref.segment, tx, pending, user));
}

function finish(ctx: IdentityContext, res: ServerResponse, tx: string, pending: PendingAuthorize, user: TenantUser): void {
  ctx.state.pending.delete(tx);
  let granted;
  try {
    granted = grantedScopes(ctx, user.id, pending.app, pending.scope);
  } catch (error) {
    if (error instanceof EntraError) return redirectError(ctx, res, pending, error);
    throw error;
  }
  const code = opaque("1.AXkA", 120);
  ctx.state.codes.set(code, {
    clientId: pending.app.clientId,
    redirectUri: pending.redirectUri,
    userId: user.id,
    tenantId: tenantIdFor(pending.ref, ctx),
    resource: pending.scope.resource,
    names: granted.names,
    oidc: granted.oidc,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    nonce: pending.nonce,
    expiresAt: ctx.now().getTime() + ctx.settings.codeLifetimeSeconds * 1000,
    redeemed: false,
  });
  sendRedirect(res, pending.redirectUri, { code, ...(pending.state !== undefined ? { state: pending.state } : {}), session_state: randomUUID() }, pending.responseMode);
}

async function submit(ctx: IdentityContext, req: SandboxRequest, res: ServerResponse): Promise<void> {
  const form = parseForm(req.body);
  const tx = form.get("tx") ?? "";
  const pending = ctx.state.pending.get(tx);
  if (!pending || pending.kind !== "authorize" || pending.expiresAt < ctx.now().getTime()) {
    return sendErrorPage(res, 400, 9002313, "Invalid request. The sign-in request is unknown or has expired; start again from the application.");
  }
  const step = form.get("step");
  if (step === "select") {
    const who = form.get("login")?.trim() || form.get("user_id") || "";
    const user = findUser(ctx.tenant, who);
    if (!user) return sendErrorPage(res, 400, 50034, `The user account ${who} does not exist in the ${ctx.tenant.verifiedDomains[0] ?? ctx.tenant.id} directory.`);
    return continueAs(ctx, res, tx, pending, user);
  }
  if (step === "consent" && pending.userId) {
    const user = findUser(ctx.tenant, pending.userId);
    if (!user) return sendErrorPage(res, 400, 50034, "The user account does not exist.");
    if (form.get("decision") !== "accept") {
      ctx.state.pending.delete(tx);
      return redirectError(ctx, res, pending, new EntraError("access_denied", 65004, "User declined to consent to access the app."), { error_subcode: "cancel" });
    }
    const scopes = requestedForConsent(pending.app, pending.scope);
    const blocked = needsAdmin(scopes).filter((s) => !ctx.state.adminScopes(pending.app.clientId).has(s));
    if (blocked.length > 0 && !user.isAdmin) return sendErrorPage(res, 403, 90094, "The grant requires admin permission.");
    if (form.get("consent_org") === "1" && user.isAdmin) ctx.state.grantAdmin(pending.app.clientId, [], scopes);
    else ctx.state.grantUser(user.id, pending.app.clientId, scopes);
    return finish(ctx, res, tx, pending, user);
  }
  return sendErrorPage(res, 400, 9002313, "Invalid request. Request is malformed or invalid.");
}
