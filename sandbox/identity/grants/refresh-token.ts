import type { SandboxRequest } from "../../common/http";
import { authenticateClient } from "../client-auth";
import { grantedScopes } from "../consent";
import { findUser, type IdentityContext, type TenantRef } from "../context";
import { aad } from "../errors";
import { parseScope, type ParsedScope } from "../scopes";
import { delegatedResponse, type TokenResponse } from "../token-issuer";

/**
 * `grant_type=refresh_token`.
 * Rotation: every use returns a new refresh token; the one presented keeps working until its
 * own expiry (Entra does not invalidate it on use either). Refresh tokens are multi-resource:
 * `scope` may name another resource, subject to consent. Revocation (the control endpoint,
 * like Graph's revokeSignInSessions) kills every refresh token the user holds (AADSTS50173).
 * Expiry: 90 days (configurable) → AADSTS700082.
 */
export async function refreshTokenGrant(ctx: IdentityContext, ref: TenantRef, req: SandboxRequest, form: URLSearchParams): Promise<TokenResponse> {
  const token = form.get("refresh_token");
  if (!token) throw aad.missingParameter("refresh_token");
  const { app, method } = await authenticateClient(ctx, ref, req, form);
  const record = ctx.state.refreshTokens.get(token);
  if (!record) throw aad.refreshTokenMalformed();
  if (record.clientId !== app.clientId) throw aad.invalidGrant();
  if (ref.kind !== "multi" && ref.tenantId !== record.tenantId) throw aad.invalidGrant();
  const now = ctx.now().getTime();
  if (record.revokedAt !== undefined) throw aad.refreshTokenRevoked(new Date(record.issuedAt), new Date(record.revokedAt));
  if (record.expiresAt <= now) throw aad.refreshTokenExpired(new Date(record.issuedAt));
  const user = findUser(ctx.tenant, record.userId);
  if (!user) throw aad.invalidGrant();
  if (!user.accountEnabled) throw aad.userDisabled();

  const raw = form.get("scope");
  const requested: ParsedScope = raw
    ? parseScope(raw, ctx.apps, ref.name)
    : { resource: record.resource, names: record.names, isDefault: false, oidc: record.oidc, raw: "" };
  const granted = grantedScopes(ctx, user.id, app, requested);
  // offline_access was granted when this refresh token was issued; keep rotating it.
  const oidc = [...new Set([...granted.oidc, "offline_access"])];
  return delegatedResponse(ctx, {
    tenantId: record.tenantId,
    app,
    user,
    resource: requested.resource,
    names: granted.names,
    oidc,
    method,
    wantClientInfo: form.get("client_info") === "1",
  });
}
