import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT, exportJWK, jwtVerify, createLocalJWKSet, type JWK, type JWTPayload } from "jose";

/**
 * Signing keys and access tokens shared by the identity emulator (which issues tokens) and the
 * resource emulators (which verify them, as Graph does: signature, audience, expiry, tenant).
 * One key pair per sandbox process; `kid` is the key's SHA-256 thumbprint.
 */
export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK & { kid: string; use: "sig"; alg: "RS256" };
  /** The JWKS document as served at the keys endpoint. */
  jwks: { keys: JWK[] };
}

export function createSigningKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const der = publicKey.export({ type: "spki", format: "der" });
  const kid = createHash("sha256").update(der).digest("base64url").slice(0, 27);
  const jwk = publicKey.export({ format: "jwk" }) as JWK;
  const publicJwk = { ...jwk, kid, use: "sig" as const, alg: "RS256" as const };
  return { kid, privateKey, publicJwk, jwks: { keys: [publicJwk] } };
}

/** The audience Microsoft Graph expects in its access tokens. */
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

export interface AccessTokenClaims extends JWTPayload {
  tid: string;
  /** Object id of the user (delegated) or of the service principal (application). */
  oid: string;
  appid: string;
  azp?: string;
  /** Delegated permissions, space separated. */
  scp?: string;
  /** Application permissions. */
  roles?: string[];
  upn?: string;
  preferred_username?: string;
  name?: string;
}

export async function signAccessToken(
  keys: SigningKeys,
  claims: AccessTokenClaims,
  options: { issuer: string; audience: string; lifetimeSeconds: number; now?: Date; extraHeader?: Record<string, unknown> },
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...claims, uti: claims.uti ?? randomUUID().replace(/-/g, "").slice(0, 22) })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keys.kid, ...(options.extraHeader ?? {}) })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setNotBefore(now - 5 * 60)
    .setExpirationTime(now + options.lifetimeSeconds)
    .sign(keys.privateKey);
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: "missing" | "malformed" | "signature" | "expired" | "audience" | "issuer" | "tenant"; message: string };

/** Verifies a bearer token the way a resource server does. Never throws. */
export async function verifyAccessToken(
  keys: SigningKeys,
  token: string | undefined,
  expected: { audience: string | string[]; issuer?: (tid: string) => string; tenantId?: string; now?: Date },
): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: "missing", message: "Access token is empty." };
  if (token.split(".").length !== 3) return { ok: false, reason: "malformed", message: "IDX14100: JWT is not well formed, there are no dots (.)." };
  const jwks = createLocalJWKSet(keys.jwks);
  try {
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: ["RS256"],
      audience: expected.audience,
      currentDate: expected.now,
    });
    const claims = payload as AccessTokenClaims;
    if (typeof claims.tid !== "string" || typeof claims.oid !== "string") {
      return { ok: false, reason: "malformed", message: "Access token lacks tid/oid claims." };
    }
    if (expected.tenantId && claims.tid !== expected.tenantId) {
      return { ok: false, reason: "tenant", message: "Access token tenant does not match the tenant of this resource." };
    }
    if (expected.issuer && claims.iss !== expected.issuer(claims.tid)) {
      return { ok: false, reason: "issuer", message: "Access token issuer is not trusted." };
    }
    return { ok: true, claims };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code === "ERR_JWT_EXPIRED") return { ok: false, reason: "expired", message: "Lifetime validation failed, the token is expired." };
    if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") {
      const claim = (error as { claim?: string }).claim;
      if (claim === "aud") return { ok: false, reason: "audience", message: "Invalid audience." };
      if (claim === "nbf") return { ok: false, reason: "expired", message: "Lifetime validation failed, the token is not yet valid." };
      return { ok: false, reason: "malformed", message: `Claim ${claim ?? "?"} failed validation.` };
    }
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" || code === "ERR_JWKS_NO_MATCHING_KEY") {
      return { ok: false, reason: "signature", message: "Signature validation failed." };
    }
    return { ok: false, reason: "malformed", message: "Access token could not be parsed." };
  }
}

export { exportJWK };
