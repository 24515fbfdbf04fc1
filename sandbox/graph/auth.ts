import { GRAPH_AUDIENCE, verifyAccessToken, type SigningKeys } from "../common/tokens";
import { GraphError } from "./errors";
import type { GraphRequest, Principal } from "./types";

/**
 * Bearer-token check done on every call, before routing — as Graph does: signature, audience
 * `https://graph.microsoft.com`, lifetime, tenant (and issuer when the emulator is told what
 * issuer the identity emulator uses). Delegated tokens carry `scp`, application tokens `roles`.
 */
export interface AuthOptions {
  keys: SigningKeys;
  tenantId: string;
  issuer?: (tid: string) => string;
  now: () => Date;
}

// Graph answers 401 with this challenge; clients use it to tell "re-authenticate" from other errors.
const CHALLENGE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

function unauthenticated(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message, { "www-authenticate": CHALLENGE });
}

export async function authenticate(req: GraphRequest, options: AuthOptions): Promise<Principal> {
  const header = req.headers["authorization"];
  if (!header) throw unauthenticated("Access token is empty.");
  const m = /^Bearer\s+(.+)$/i.exec(header);
  // Any other scheme reads as "no bearer token" to the service.
  if (!m) throw unauthenticated("Access token is empty.");
  const check = await verifyAccessToken(options.keys, m[1]!.trim(), {
    audience: [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, "00000003-0000-0000-c000-000000000000"],
    tenantId: options.tenantId,
    issuer: options.issuer,
    now: options.now(),
  });
  if (!check.ok) {
    const message =
      check.reason === "expired"
        ? "Lifetime validation failed, the token is expired."
        : check.reason === "audience"
          ? "Access token validation failure. Invalid audience."
          : check.reason === "signature"
            ? "Signature validation failed."
            : check.reason === "malformed"
              ? "IDX14100: JWT is not well formed."
              : `Access token validation failure. ${check.message}`;
    throw unauthenticated(message);
  }
  const claims = check.claims;
  const appId = claims.appid ?? claims.azp ?? "";
  if (typeof claims.scp === "string") {
    return { kind: "delegated", claims, appId, scopes: new Set(claims.scp.split(" ").filter(Boolean)), userId: claims.oid };
  }
  if (Array.isArray(claims.roles)) {
    return { kind: "application", claims, appId, roles: new Set(claims.roles), servicePrincipalId: claims.oid };
  }
  // A token with neither scp nor roles is an app-only token that was granted nothing.
  return { kind: "application", claims, appId, roles: new Set(), servicePrincipalId: claims.oid };
}
