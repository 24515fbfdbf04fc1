import type { SandboxRequest } from "../../common/http";
import { authenticateClient } from "../client-auth";
import type { IdentityContext, TenantRef } from "../context";
import { aad } from "../errors";
import { parseScope } from "../scopes";
import { mintAppToken, type TokenResponse } from "../token-issuer";

/**
 * `grant_type=client_credentials` — the tenant-mode app token.
 * The scope must be `<resource>/.default` (AADSTS1002012 otherwise). For Graph, `roles` holds the
 * application permissions an admin of this tenant has consented to; with none consented the
 * token is still issued, without a `roles` claim (what Entra does for a single-tenant app), and
 * Graph refuses it with 403 — the emulator keeps that behaviour on purpose.
 */
export async function clientCredentialsGrant(ctx: IdentityContext, ref: TenantRef, req: SandboxRequest, form: URLSearchParams): Promise<TokenResponse> {
  if (ref.kind === "multi") throw aad.noTenantInfo();
  const { app, method } = await authenticateClient(ctx, ref, req, form);
  if (method === "none") throw aad.missingCredential();
  const raw = form.get("scope");
  if (!raw) throw aad.missingParameter("scope");
  const scope = parseScope(raw, ctx.apps, ref.name);
  if (!scope.isDefault || scope.names.length > 0 || scope.oidc.length > 0) throw aad.clientCredentialsScope(raw);
  const inHomeTenant = ref.kind === "tenant";
  if (scope.resource.kind === "graph" && !inHomeTenant) throw aad.unknownResource(scope.resource.audience, ref.name);
  const roles = scope.resource.kind === "graph" ? ctx.state.rolesFor(app.clientId) : [];
  const lifetime = ctx.settings.accessTokenLifetimeSeconds;
  return {
    token_type: "Bearer",
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await mintAppToken(ctx, { tenantId: ref.tenantId, app, resource: scope.resource, roles, method }),
  };
}
