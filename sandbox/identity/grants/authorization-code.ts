import { createHash } from "node:crypto";
import type { SandboxRequest } from "../../common/http";
import { authenticateClient } from "../client-auth";
import { findUser, type IdentityContext, type TenantRef } from "../context";
import { aad } from "../errors";
import { delegatedResponse, type TokenResponse } from "../token-issuer";

/**
 * `grant_type=authorization_code` — redeems a code from the authorize page.
 * Codes are single-use (AADSTS54005 on a second try), live 10 minutes (AADSTS70008), and are
 * bound to the client, the reply URL and — when the authorize request carried one — the PKCE
 * challenge (S256 or plain; AADSTS501481 when the verifier does not match).
 */
export async function authorizationCodeGrant(ctx: IdentityContext, ref: TenantRef, req: SandboxRequest, form: URLSearchParams): Promise<TokenResponse> {
  const code = form.get("code");
  if (!code) throw aad.missingParameter("code");
  const { app, method } = await authenticateClient(ctx, ref, req, form);
  const record = ctx.state.codes.get(code);
  if (!record) throw aad.invalidCode();
  if (record.clientId !== app.clientId) throw aad.invalidCode();
  if (ref.kind !== "multi" && ref.tenantId !== record.tenantId) throw aad.invalidCode();
  if (record.redeemed) throw aad.codeRedeemed();
  if (record.expiresAt <= ctx.now().getTime()) throw aad.codeExpired();
  const redirectUri = form.get("redirect_uri");
  if (!redirectUri) throw aad.missingParameter("redirect_uri");
  if (redirectUri !== record.redirectUri) throw aad.replyMismatch(redirectUri, record.redirectUri);
  if (record.codeChallenge !== undefined) {
    const verifier = form.get("code_verifier");
    if (!verifier) throw aad.pkceMismatch();
    const derived = record.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
    if (derived !== record.codeChallenge) throw aad.pkceMismatch();
  }
  // Redeemed even if what follows fails: a code is good for one attempt.
  record.redeemed = true;
  const user = findUser(ctx.tenant, record.userId);
  if (!user) throw aad.invalidCode();
  if (!user.accountEnabled) throw aad.userDisabled();
  return delegatedResponse(ctx, {
    tenantId: record.tenantId,
    app,
    user,
    resource: record.resource,
    names: record.names,
    oidc: record.oidc,
    method,
    nonce: record.nonce,
    wantClientInfo: form.get("client_info") === "1",
  });
}
