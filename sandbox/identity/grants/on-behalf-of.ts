import { compactVerify, createLocalJWKSet, errors as joseErrors } from "jose";
import { z } from "zod";
import type { SandboxRequest } from "../../common/http";
import { authenticateClient } from "../client-auth";
import { grantedScopes } from "../consent";
import { BOTFRAMEWORK_TENANT_ID, findUser, issuerFor, type IdentityContext, type TenantRef } from "../context";
import { aad } from "../errors";
import { parseScope } from "../scopes";
import { delegatedResponse, type TokenResponse } from "../token-issuer";

/**
 * On-behalf-of: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`,
 * `requested_token_use=on_behalf_of`, `assertion` = a user's access token for the middle-tier
 * app (audience = its client id or one of its Application ID URIs), `scope` = what it wants
 * downstream (Graph). The user (or an admin) must have consented to those scopes for the
 * middle-tier app, else AADSTS65001 with `suberror: consent_required`.
 */
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

// The claims OBO relies on in the incoming user token (our own v2 access token format).
const UserAssertion = z.object({
  aud: z.string(),
  tid: z.string(),
  oid: z.string(),
  scp: z.string().optional(),
  exp: z.number(),
});

export async function onBehalfOfGrant(ctx: IdentityContext, ref: TenantRef, req: SandboxRequest, form: URLSearchParams): Promise<TokenResponse> {
  if (form.get("requested_token_use") !== "on_behalf_of") throw aad.requestedTokenUse();
  const assertion = form.get("assertion");
  if (!assertion) throw aad.missingParameter("assertion");
  const raw = form.get("scope");
  if (!raw) throw aad.missingParameter("scope");
  const { app, method } = await authenticateClient(ctx, ref, req, form);

  let payload: unknown;
  try {
    // Signature only here; expiry is checked below, to answer with Entra's own code for it.
    const verified = await compactVerify(assertion, createLocalJWKSet(ctx.keys.jwks), { algorithms: ["RS256"] });
    payload = JSON.parse(Buffer.from(verified.payload).toString("utf8")) as unknown;
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) throw aad.oboAssertion("The key was not found.");
    throw aad.invalidJwt();
  }
  const parsed = UserAssertion.safeParse(payload);
  if (!parsed.success) throw aad.invalidJwt("The assertion is not a user access token.");
  const claims = parsed.data;
  const iss = (payload as { iss?: unknown }).iss;
  if (iss !== issuerFor(ctx.baseUrl(), claims.tid) || claims.tid === BOTFRAMEWORK_TENANT_ID) throw aad.oboAssertion("The token issuer is not trusted.");
  if (claims.exp <= ctx.now().getTime() / 1000) throw aad.oboExpired(ctx.now(), claims.exp);
  const audApp = ctx.apps.byAudience(claims.aud);
  if (!audApp || audApp.clientId !== app.clientId) throw aad.oboAudience(claims.aud, app.clientId);
  if (claims.scp === undefined) throw aad.invalidJwt("The assertion is an app-only token; on-behalf-of needs a user token.");
  if (ref.kind !== "multi" && ref.tenantId !== claims.tid) throw aad.invalidGrant();

  const user = findUser(ctx.tenant, claims.oid);
  if (!user || claims.tid !== ctx.tenant.id) throw aad.invalidGrant();
  if (!user.accountEnabled) throw aad.userDisabled();
  const scope = parseScope(raw, ctx.apps, ref.name);
  const granted = grantedScopes(ctx, user.id, app, scope);
  return delegatedResponse(ctx, {
    tenantId: claims.tid,
    app,
    user,
    resource: scope.resource,
    names: granted.names,
    // OBO returns no id_token; a refresh token only when offline_access is consented.
    oidc: granted.oidc.filter((s) => s !== "openid"),
    method,
    wantClientInfo: form.get("client_info") === "1",
  });
}
