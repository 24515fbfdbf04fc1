import type { AuthenticationResult } from "@azure/msal-node";
import { z } from "zod";
import type { Config } from "../../config";
import { toAcquisitionError } from "../../identity/app-token";
import type { RefreshTokens } from "../../identity/token-manager";
import { TokenAcquisitionError } from "../../identity/token-provider";
import type { TokenSet } from "../../identity/token-vault";
import { createMsalClient, DELEGATED_SCOPES, msalSettingsFrom, refreshTokenFromCache, SIGN_IN_SCOPES, type MsalSettings } from "./msal-clients";

/**
 * Individual mode's delegated tokens: the authorization-code + PKCE sign-in and the refresh
 * grant, through msal-node. Every operation uses a fresh msal client (empty cache), whose cache
 * then holds exactly this user's refresh token — msal-node does not return it otherwise.
 *
 * Authority: the user's own tenant (the Teams tenant) rather than /common, so that a guest
 * signs in as their object id in that tenant — the `aadObjectId` Teams sends — and the token's
 * `tid` can be compared with the tenant that asked. Entra accepts refresh tokens at the tenant
 * endpoint as at /common (SPEC.md lists /common for refresh; both work).
 */

// The id token's claims we rely on: https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
const IdTokenClaims = z.looseObject({
  tid: z.string().min(1),
  oid: z.string().min(1),
  preferred_username: z.string().optional(),
  name: z.string().optional(),
});

export interface RedeemedSignIn {
  tokenSet: TokenSet;
  /** Who actually signed in, from the id token. */
  tenantId: string;
  objectId: string;
  /** UPN or e-mail shown to the user when it is the wrong account. */
  username: string | undefined;
}

export interface AuthCodeUrlRequest {
  tenantId: string;
  state: string;
  codeChallenge: string;
  redirectUri: string;
}

/** Entra's authorize URL for this user's sign-in (account picker, consent, back to redirectUri). */
export function authCodeUrl(settings: MsalSettings, request: AuthCodeUrlRequest): Promise<string> {
  return createMsalClient(settings, request.tenantId).getAuthCodeUrl({
    scopes: [...SIGN_IN_SCOPES],
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: "S256",
    state: request.state,
    // Teams users often have several work accounts in the browser; let them pick on purpose.
    prompt: "select_account",
    responseMode: "query",
  });
}

export interface RedeemRequest {
  tenantId: string;
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** Redeems the code. Throws TokenAcquisitionError (Entra's error codes in `details`). */
export async function redeemCode(settings: MsalSettings, request: RedeemRequest, now: () => Date): Promise<RedeemedSignIn> {
  const client = createMsalClient(settings, request.tenantId);
  let result: AuthenticationResult;
  try {
    result = await client.acquireTokenByCode({
      code: request.code,
      scopes: [...SIGN_IN_SCOPES],
      redirectUri: request.redirectUri,
      codeVerifier: request.codeVerifier,
    });
  } catch (error) {
    throw toAcquisitionError(error);
  }
  const claims = IdTokenClaims.safeParse(result.idTokenClaims);
  if (!claims.success) throw new TokenAcquisitionError("Entra ID's id token lacks tid/oid; cannot tell who signed in.");
  const refreshToken = refreshTokenFromCache(client, result.account?.homeAccountId);
  // Without offline_access consented Entra issues no refresh token: the user would be asked again within the hour.
  if (refreshToken === undefined) throw new TokenAcquisitionError("Entra ID issued no refresh token (offline_access was not granted).");
  return {
    tokenSet: toTokenSet(result, refreshToken, now),
    tenantId: claims.data.tid,
    objectId: claims.data.oid,
    username: claims.data.preferred_username ?? result.account?.username ?? claims.data.name,
  };
}

export interface MicrosoftTokenHooksDeps {
  config: Config;
  now?: () => Date;
}

/**
 * The token manager's renewal for `graph-user`: the composition root passes these into the one
 * createTokenManager (beside Webex's hooks). A rejected refresh token (invalid_grant, e.g.
 * revoked sessions or AADSTS65001) is thrown as a TokenAcquisitionError with
 * details.error = "invalid_grant", which isRejectedGrant recognises: the record is dropped and
 * the user asked to sign in again. Anything else stays a transient failure.
 */
export function microsoftTokenHooks(deps: MicrosoftTokenHooksDeps): { refresh: { "graph-user": RefreshTokens } } {
  const settings = msalSettingsFrom(deps.config);
  const now = deps.now ?? (() => new Date());
  return { refresh: { "graph-user": (tokenSet, context) => refreshUserTokens(settings, tokenSet, context.owner.tenantId, now) } };
}

export async function refreshUserTokens(settings: MsalSettings, tokenSet: TokenSet, tenantId: string, now: () => Date): Promise<TokenSet> {
  if (tokenSet.refreshToken === undefined) throw new TokenAcquisitionError("no refresh token stored", { error: "invalid_grant" });
  const client = createMsalClient(settings, tenantId);
  let result: AuthenticationResult | null;
  try {
    // forceCache: msal otherwise drops the response from its cache (the account is not in this
    // fresh client's cache), and the rotated refresh token with it.
    result = await client.acquireTokenByRefreshToken({ refreshToken: tokenSet.refreshToken, scopes: [...DELEGATED_SCOPES], forceCache: true });
  } catch (error) {
    throw toAcquisitionError(error);
  }
  if (!result?.accessToken) throw new TokenAcquisitionError("Entra ID returned no access token for the refresh token.");
  // Entra rotates refresh tokens; when none came back the token manager keeps the old one.
  return toTokenSet(result, refreshTokenFromCache(client, result.account?.homeAccountId), now);
}

function toTokenSet(result: AuthenticationResult, refreshToken: string | undefined, now: () => Date): TokenSet {
  // msal stamps expiresOn with the system clock (its receipt time + expires_in); re-base the
  // remaining lifetime on our clock, which is the one the token manager compares against.
  const remainingMs = result.expiresOn ? Math.max(0, result.expiresOn.getTime() - Date.now()) : 0;
  return {
    accessToken: result.accessToken,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    expiresAt: new Date(now().getTime() + remainingMs).toISOString(),
    scopes: result.scopes.length > 0 ? result.scopes : [...DELEGATED_SCOPES],
  };
}
