import type { ServerResponse } from "node:http";
import { parseForm, type SandboxRequest } from "../common/http";
import { findUser, tenantIdFor, type IdentityContext } from "./context";
import { checkClientRequest } from "./client-request";
import { EntraError, entraErrorBody } from "./errors";
import { escapeHtml, hidden, page, sendErrorPage, sendHtml, sendRedirect } from "./html";
import { GRAPH_APPLICATION, GRAPH_RESOURCE, OIDC_SCOPES, canonicalApplication, canonicalDelegated, describeScope } from "./permissions";
import { opaque, type PendingAdminConsent } from "./state";

/**
 * Admin consent — the "tenant mode" switch of SPEC.md:
 *   `GET /{tenant}/adminconsent?client_id&redirect_uri&state` (v1 style) and
 *   `GET /{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri&state`.
 * An admin (tenant.users[].isAdmin) picks themself, reviews the permissions and accepts:
 * the app's application permissions (its `roles`) and delegated permissions are granted
 * tenant-wide, and the browser returns to `redirect_uri?admin_consent=True&tenant=<tid>&state=…`
 * (v2 adds `scope`). A non-admin gets AADSTS90094; Cancel returns `error=access_denied`.
 */
export function adminConsentRoutes(ctx: IdentityContext) {
  return {
    start: (v2: boolean) => (req: SandboxRequest, res: ServerResponse) => start(ctx, v2, req, res),
    submit: (req: SandboxRequest, res: ServerResponse) => submit(ctx, req, res),
  };
}

function start(ctx: IdentityContext, v2: boolean, req: SandboxRequest, res: ServerResponse): void {
  const q = req.query;
  const checked = checkClientRequest(ctx, req, res);
  if (!checked) return;
  const { ref, app, redirectUri } = checked;
  const state = q.get("state") ?? undefined;
  let roles = [...app.applicationPermissions];
  let scopes = [...app.delegatedPermissions];
  const rawScope = v2 ? q.get("scope") ?? `${GRAPH_RESOURCE}/.default` : undefined;
  if (rawScope !== undefined) {
    const parsed = parseAdminScope(rawScope, roles);
    if (!parsed) {
      const err = new EntraError("invalid_scope", 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${rawScope} is not valid.`);
      const body = entraErrorBody(err, ctx.now(), ctx.baseUrl());
      return sendRedirect(res, redirectUri, { error: err.error, error_description: String(body.error_description), ...(state !== undefined ? { state } : {}) }, "query");
    }
    if (!parsed.isDefault) ({ roles, scopes } = parsed);
  }
  const tx = opaque("tx-", 24);
  const pending: PendingAdminConsent = { kind: "adminconsent", ref, app, redirectUri, state, roles, scopes, v2Scope: rawScope, expiresAt: ctx.now().getTime() + 30 * 60 * 1000 };
  ctx.state.pending.set(tx, pending);

  const users = ctx.tenant.users
    .filter((u) => u.accountEnabled)
    .map((u) => `<label><input type="radio" name="user_id" value="${escapeHtml(u.id)}"${u.isAdmin ? " checked" : ""}> ${escapeHtml(u.displayName)} <small>${escapeHtml(u.userPrincipalName)}${u.isAdmin ? " (admin)" : ""}</small></label>`)
    .join("\n");
  const perms = [
    ...roles.map((r) => `<li><code>${escapeHtml(r)}</code> (application) — ${escapeHtml(GRAPH_APPLICATION[r] ?? r)}</li>`),
    ...scopes.map((s) => `<li><code>${escapeHtml(s)}</code> (delegated) — ${escapeHtml(describeScope(s))}</li>`),
  ].join("\n");
  const action = `/${encodeURIComponent(req.params.tenant ?? "")}/${v2 ? "v2.0/" : ""}adminconsent`;
  sendHtml(
    res,
    200,
    page(
      "Permissions requested — accept for your organization",
      `<h1>Permissions requested</h1><p><b>${escapeHtml(app.displayName)}</b> needs permission to access resources in your organization that only an admin can grant.</p>
<ul id="permissions">${perms}</ul>
<form method="post" action="${escapeHtml(action)}" id="adminconsent">
${hidden({ tx })}
${users}
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="cancel">Cancel</button></form>`,
    ),
  );
}

/** v2 `scope`: `<resource>/.default`, or named permissions (application ones become roles). */
function parseAdminScope(raw: string, appRoles: string[]): { isDefault: boolean; roles: string[]; scopes: string[] } | undefined {
  const roles: string[] = [];
  const scopes: string[] = [];
  let isDefault = false;
  for (const part of raw.split(/\s+/).filter(Boolean)) {
    const name = part.startsWith(`${GRAPH_RESOURCE}/`) ? part.slice(GRAPH_RESOURCE.length + 1) : part;
    if (name === ".default") {
      isDefault = true;
      continue;
    }
    const role = canonicalApplication(name);
    if (role && appRoles.includes(role)) {
      roles.push(role);
      continue;
    }
    const scope = canonicalDelegated(name);
    if (!scope) return undefined;
    scopes.push(scope);
  }
  return { isDefault, roles, scopes };
}

function submit(ctx: IdentityContext, req: SandboxRequest, res: ServerResponse): void {
  const form = parseForm(req.body);
  const tx = form.get("tx") ?? "";
  const pending = ctx.state.pending.get(tx);
  if (!pending || pending.kind !== "adminconsent" || pending.expiresAt < ctx.now().getTime()) {
    return sendErrorPage(res, 400, 9002313, "Invalid request. The consent request is unknown or has expired; start again from the application.");
  }
  const keep = (p: Record<string, string>) => ({ ...p, ...(pending.state !== undefined ? { state: pending.state } : {}) });
  if (form.get("decision") !== "accept") {
    ctx.state.pending.delete(tx);
    const body = entraErrorBody(new EntraError("access_denied", 65004, "The admin canceled the request."), ctx.now(), ctx.baseUrl());
    return sendRedirect(res, pending.redirectUri, keep({ error: "access_denied", error_subcode: "cancel", error_description: String(body.error_description) }), "query");
  }
  const user = findUser(ctx.tenant, form.get("user_id") ?? "");
  if (!user) return sendErrorPage(res, 400, 50034, "The user account does not exist in the directory.");
  if (!user.accountEnabled) return sendErrorPage(res, 400, 50057, "The user account is disabled.");
  if (pending.ref.kind === "botframework") return sendErrorPage(res, 400, 50034, `The user account ${user.userPrincipalName} does not exist in the ${pending.ref.name} directory.`);
  if (!user.isAdmin) return sendErrorPage(res, 403, 90094, "The grant requires admin permission.");
  ctx.state.pending.delete(tx);
  ctx.state.grantAdmin(pending.app.clientId, pending.roles, pending.scopes);
  const tid = tenantIdFor(pending.ref, ctx);
  const scope: Record<string, string> =
    pending.v2Scope !== undefined ? { scope: [...pending.roles, ...pending.scopes].map((s) => (OIDC_SCOPES.has(s) ? s : `${GRAPH_RESOURCE}/${s}`)).join(" ") } : {};
  sendRedirect(res, pending.redirectUri, keep({ admin_consent: "True", tenant: tid, ...scope }), "query");
}
