import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from "jose";
import { z } from "zod";

/**
 * Verification of the Teams SSO tokens the tab sends to `/api/tab/*` (STYLE.md: "Inbound tokens
 * are always verified … jose + JWKS for the tab API"). A Teams SSO token is an Entra v2 access
 * token for our own API (`api://<host>/<client id>/access_as_user`), so it is checked the way a
 * resource server checks one: RS256 signature against the tenant's published keys, issuer,
 * audience, expiry (with a small clock tolerance), tenant, and the `access_as_user` scope.
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 *
 * Nothing here logs, and no error message contains the token.
 */

/** Who the verified token is for. */
export interface TabIdentity {
  tenantId: string;
  /** Entra object id (`oid`): the same id Teams sends as `aadObjectId`. */
  userId: string;
  upn: string | undefined;
  name: string | undefined;
}

export type TabAuthFailure =
  | "missing"
  | "malformed"
  | "signature"
  | "expired"
  | "audience"
  | "issuer"
  | "tenant"
  | "scope"
  /** The keys could not be fetched (network, timeout): not the token's fault. */
  | "unavailable";

export class TabAuthError extends Error {
  constructor(
    readonly reason: TabAuthFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TabAuthError";
  }
}

export interface TabTokenVerifierOptions {
  /** Entra authority host, e.g. `https://login.microsoftonline.com` (the sandbox identity emulator locally). */
  authorityHost: string;
  /** Accepted `aud` values: the Application ID URI and the bare client id (v2 tokens carry the latter). */
  audience: readonly string[];
  /** Which tenants may use the tab API; default: any (a multi-tenant app). */
  allowedTenants?: (tenantId: string) => boolean;
  /** Clock for expiry checks (tests move it); default: the system clock. */
  now?: () => Date;
  /** Allowed clock skew in seconds; at most 300 (Entra's own tolerance is 5 minutes). */
  clockToleranceSeconds?: number;
  /** Tenants whose key sets are kept (each is a jose remote JWKS with its own cache). Default 100. */
  maxCachedTenants?: number;
}

export interface TabTokenVerifier {
  /** Verifies a bearer token; throws TabAuthError. */
  verify(token: string | undefined): Promise<TabIdentity>;
}

export const REQUIRED_SCOPE = "access_as_user";
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

// Entra tenant ids are GUIDs. Checked before the tid goes into a URL, so a crafted claim cannot
// add path segments, a query or another host to the JWKS address.
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The claims we read after verification. https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
const VerifiedClaims = z.object({
  tid: z.string().regex(TENANT_ID),
  oid: z.string().min(1),
  scp: z.string(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
  name: z.string().optional(),
});

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

export function createTabTokenVerifier(options: TabTokenVerifierOptions): TabTokenVerifier {
  const authorityHost = options.authorityHost.replace(/\/+$/, "");
  if (options.audience.length === 0 || options.audience.some((a) => a.trim() === "")) {
    throw new Error("createTabTokenVerifier: audience needs the Application ID URI and/or the client id");
  }
  const audience = [...options.audience];
  const clockTolerance = Math.min(Math.max(options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS, 0), MAX_CLOCK_TOLERANCE_SECONDS);
  const maxCachedTenants = Math.max(options.maxCachedTenants ?? 100, 1);
  const allowedTenants = options.allowedTenants ?? (() => true);
  const now = options.now ?? (() => new Date());

  // One remote key set per tenant, as Entra publishes them at /{tid}/discovery/v2.0/keys. jose
  // caches each set (10 min) and fetches again when a token names a kid it has not seen, which
  // is how Entra's key rollover reaches us. Bounded, oldest first out, so tokens naming many
  // tenants cannot grow it without limit.
  const keySets = new Map<string, RemoteKeySet>();
  const keySetFor = (tenantId: string): RemoteKeySet => {
    const key = tenantId.toLowerCase();
    let set = keySets.get(key);
    if (set) {
      keySets.delete(key);
    } else {
      set = createRemoteJWKSet(new URL(`${authorityHost}/${key}/discovery/v2.0/keys`));
      if (keySets.size >= maxCachedTenants) {
        const oldest = keySets.keys().next().value;
        if (oldest !== undefined) keySets.delete(oldest);
      }
    }
    keySets.set(key, set);
    return set;
  };

  return {
    async verify(token) {
      if (token === undefined || token.trim() === "") throw new TabAuthError("missing", "No bearer token was sent.");

      // The tenant is read from the payload *before* the signature is checked, only to choose
      // which published key set to verify with and which issuer to expect. That is safe because
      // nothing is trusted from it: the key set comes from our configured authority (never from
      // the token's `iss` or a `jku`), the tid is first checked to be a GUID, the signature then
      // covers the `tid` claim (a forger who edits it breaks the signature), and the verified
      // `iss` must equal `{authority}/{that tid}/v2.0`. Entra signs every tenant's tokens with
      // the same keys, so it is this issuer check — not the key set — that binds the token to
      // its tenant. Rejecting an unwanted tenant early needs no trust at all.
      let unverified: JWTPayload;
      try {
        decodeProtectedHeader(token);
        unverified = decodeJwt(token);
      } catch (cause) {
        throw new TabAuthError("malformed", "The bearer token is not a JWT.", { cause });
      }
      const tid = unverified.tid;
      if (typeof tid !== "string" || !TENANT_ID.test(tid)) {
        throw new TabAuthError("malformed", "The token has no valid tenant id (tid) claim.");
      }
      if (!allowedTenants(tid)) {
        throw new TabAuthError("tenant", `Tenant ${tid} may not use this app.`);
      }

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySetFor(tid), {
          algorithms: ["RS256"],
          audience,
          issuer: `${authorityHost}/${tid}/v2.0`,
          clockTolerance,
          currentDate: now(),
          requiredClaims: ["exp", "tid", "oid", "scp"],
        }));
      } catch (error) {
        const failure = classify(error, tid);
        // A tenant whose keys could not be fetched keeps no slot (jose caches no failures either).
        if (failure.reason === "tenant" || failure.reason === "unavailable") keySets.delete(tid.toLowerCase());
        throw failure;
      }

      const claims = VerifiedClaims.safeParse(payload);
      if (!claims.success) {
        throw new TabAuthError("malformed", "The token's claims are not those of a Teams SSO token.", { cause: claims.error });
      }
      if (claims.data.tid.toLowerCase() !== tid.toLowerCase()) {
        // Cannot happen with one payload; kept so a refactor that verifies a different string fails safe.
        throw new TabAuthError("tenant", "The token's tenant changed during verification.");
      }
      if (!claims.data.scp.split(" ").includes(REQUIRED_SCOPE)) {
        throw new TabAuthError("scope", `The token does not grant ${REQUIRED_SCOPE}.`);
      }
      return {
        tenantId: claims.data.tid,
        userId: claims.data.oid,
        upn: claims.data.upn ?? claims.data.preferred_username,
        name: claims.data.name,
      };
    },
  };
}

/** jose's errors → our reasons. Messages are jose's own (they never include the token). */
function classify(error: unknown, tid: string): TabAuthError {
  const make = (reason: TabAuthFailure, message: string) => new TabAuthError(reason, message, { cause: error });
  if (error instanceof joseErrors.JWTExpired) return make("expired", "The token has expired.");
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "aud":
        return make("audience", "The token was issued for another audience.");
      case "iss":
        return make("issuer", "The token was issued by another issuer.");
      case "nbf":
      case "iat":
        return make("expired", "The token is not valid yet (check the clock).");
      case "scp":
        return make("scope", `The token does not grant ${REQUIRED_SCOPE}.`);
      default:
        return make("malformed", `The token's ${error.claim} claim is ${error.reason === "missing" ? "missing" : "invalid"}.`);
    }
  }
  if (
    error instanceof joseErrors.JWSSignatureVerificationFailed ||
    error instanceof joseErrors.JWKSNoMatchingKey ||
    error instanceof joseErrors.JWKSMultipleMatchingKeys ||
    // alg "none", HS256 with the public key as secret, …: only RS256 is accepted.
    error instanceof joseErrors.JOSEAlgNotAllowed
  ) {
    return make("signature", "The token's signature does not match the issuer's published keys.");
  }
  if (error instanceof joseErrors.JWKSTimeout) return make("unavailable", "The identity provider's keys could not be fetched in time.");
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JOSENotSupported) {
    return make("malformed", "The bearer token is not a valid JWS.");
  }
  if (error instanceof joseErrors.JOSEError && error.code === "ERR_JOSE_GENERIC") {
    // jose 5 reports any non-200 answer from the keys URL this way; Entra answers 400
    // (AADSTS90002) for a tenant it does not know.
    return make("tenant", `The identity provider has no signing keys for tenant ${tid}.`);
  }
  if (error instanceof joseErrors.JWKSInvalid) return make("unavailable", "The identity provider's key set could not be read.");
  // Anything else is the network (refused, reset, DNS): the token may well be fine.
  return make("unavailable", "The identity provider could not be reached to check the token.");
}
