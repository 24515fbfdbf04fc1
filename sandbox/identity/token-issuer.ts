import { createHash, randomBytes, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { signAccessToken, type AccessTokenClaims } from "../common/tokens";
import type { TenantUser } from "../tenant";
import type { RegisteredApp } from "./apps";
import { issuerFor, nowSeconds, type IdentityContext } from "./context";
import type { Resource } from "./scopes";
import { responseScope } from "./scopes";
import { opaque } from "./state";

/**
 * Mints what the token endpoint returns. Access tokens are RS256 JWTs signed with the shared
 * sandbox key (so the Graph emulator verifies them with common/tokens.ts), shaped like Entra's
 * v2 tokens: tid, oid, sub, appid/azp, idtyp, ver, and either `scp` (delegated; space-separated,
 * consented scopes only, OIDC scopes left out) or `roles` (application). An app token for an app
 * no admin has consented to carries no `roles` claim at all — as Entra issues it — and the
 * resource (Graph) then answers 403.
 */

/** How the client proved itself: "0" public, "1" secret, "2" certificate (appidacr / azpacr). */
export type ClientAuthMethod = "none" | "secret" | "certificate";
const ACR: Record<ClientAuthMethod, string> = { none: "0", secret: "1", certificate: "2" };

export interface TokenResponse {
  token_type: "Bearer";
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

/** Pairwise subject: stable per (principal, app), as Entra's `sub`. */
function pairwiseSub(oid: string, clientId: string): string {
  return createHash("sha256").update(`${oid}:${clientId}`).digest("base64url").slice(0, 43);
}

function aio(): string {
  return randomBytes(36).toString("base64url");
}

export async function mintAppToken(
  ctx: IdentityContext,
  args: { tenantId: string; app: RegisteredApp; resource: Resource; roles: string[]; method: ClientAuthMethod; lifetimeSeconds?: number },
): Promise<string> {
  const { app } = args;
  const claims: AccessTokenClaims = {
    aio: aio(),
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: ACR[args.method],
    azp: app.clientId,
    azpacr: ACR[args.method],
    idp: issuerFor(ctx.baseUrl(), args.tenantId),
    idtyp: "app",
    oid: app.servicePrincipalId,
    sub: app.servicePrincipalId,
    tid: args.tenantId,
    ver: "2.0",
    ...(args.roles.length > 0 ? { roles: args.roles } : {}),
  };
  return signAccessToken(ctx.keys, claims, {
    issuer: issuerFor(ctx.baseUrl(), args.tenantId),
    audience: args.resource.audience,
    lifetimeSeconds: args.lifetimeSeconds ?? ctx.settings.accessTokenLifetimeSeconds,
    now: ctx.now(),
  });
}

export async function mintUserToken(
  ctx: IdentityContext,
  args: { tenantId: string; appId: string; appName: string; user: TenantUser; resource: Resource; scopes: string[]; method: ClientAuthMethod; lifetimeSeconds?: number },
): Promise<string> {
  const { user } = args;
  const claims: AccessTokenClaims = {
    aio: aio(),
    app_displayname: args.appName,
    appid: args.appId,
    appidacr: ACR[args.method],
    azp: args.appId,
    azpacr: ACR[args.method],
    family_name: user.surname,
    given_name: user.givenName,
    idtyp: "user",
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    scp: args.scopes.join(" "),
    sub: pairwiseSub(user.id, args.appId),
    tid: args.tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    ver: "2.0",
  };
  return signAccessToken(ctx.keys, claims, {
    issuer: issuerFor(ctx.baseUrl(), args.tenantId),
    audience: args.resource.audience,
    lifetimeSeconds: args.lifetimeSeconds ?? ctx.settings.accessTokenLifetimeSeconds,
    now: ctx.now(),
  });
}

export async function mintIdToken(ctx: IdentityContext, args: { tenantId: string; app: RegisteredApp; user: TenantUser; nonce?: string; oidc: string[] }): Promise<string> {
  const now = nowSeconds(ctx);
  const { user } = args;
  return new SignJWT({
    ver: "2.0",
    tid: args.tenantId,
    oid: user.id,
    sub: pairwiseSub(user.id, args.app.clientId),
    name: user.displayName,
    preferred_username: user.userPrincipalName,
    ...(args.oidc.includes("email") && user.mail ? { email: user.mail } : {}),
    ...(args.nonce ? { nonce: args.nonce } : {}),
    aio: aio(),
    uti: randomUUID().replace(/-/g, "").slice(0, 22),
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: ctx.keys.kid })
    .setIssuer(issuerFor(ctx.baseUrl(), args.tenantId))
    .setAudience(args.app.clientId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ctx.settings.idTokenLifetimeSeconds)
    .sign(ctx.keys.privateKey);
}

/** msal's `client_info`: base64url JSON {uid, utid}, returned when the request asks `client_info=1`. */
export function clientInfo(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString("base64url");
}

/**
 * The full delegated response: access token, plus a refresh token when `offline_access` was
 * granted, plus an id_token when `openid` was. Records the refresh token in the state.
 */
export async function delegatedResponse(
  ctx: IdentityContext,
  args: {
    tenantId: string;
    app: RegisteredApp;
    user: TenantUser;
    resource: Resource;
    names: string[];
    oidc: string[];
    method: ClientAuthMethod;
    nonce?: string;
    wantClientInfo: boolean;
  },
): Promise<TokenResponse> {
  const lifetime = ctx.settings.accessTokenLifetimeSeconds;
  const body: TokenResponse = {
    token_type: "Bearer",
    scope: responseScope(args.resource, args.names, args.oidc),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await mintUserToken(ctx, {
      tenantId: args.tenantId,
      appId: args.app.clientId,
      appName: args.app.displayName,
      user: args.user,
      resource: args.resource,
      scopes: args.names,
      method: args.method,
    }),
  };
  if (args.oidc.includes("offline_access")) {
    const now = ctx.now().getTime();
    const token = opaque("1.AXkA", 96);
    ctx.state.refreshTokens.set(token, {
      clientId: args.app.clientId,
      userId: args.user.id,
      tenantId: args.tenantId,
      resource: args.resource,
      names: args.names,
      oidc: args.oidc,
      issuedAt: now,
      expiresAt: now + ctx.settings.refreshTokenLifetimeSeconds * 1000,
    });
    body.refresh_token = token;
  }
  if (args.oidc.includes("openid")) {
    body.id_token = await mintIdToken(ctx, { tenantId: args.tenantId, app: args.app, user: args.user, nonce: args.nonce, oidc: args.oidc });
  }
  if (args.wantClientInfo) body.client_info = clientInfo(args.user.id, args.tenantId);
  return body;
}
