import type { ServerResponse } from "node:http";
import { sendJson, type SandboxRequest } from "../common/http";
import { issuerFor, resolveTenant, type IdentityContext } from "./context";
import { EntraError, sendEntraError } from "./errors";

/**
 * Discovery documents, shaped like login.microsoftonline.com's:
 * - `GET /{tenant}/v2.0/.well-known/openid-configuration` — for a real tenant the endpoints and
 *   issuer carry the tenant id; for `common` / `organizations` the issuer holds the literal
 *   `{tenantid}` placeholder, as Entra's does (msal substitutes it).
 * - `GET /{tenant}/discovery/v2.0/keys` — the JWKS that verifies every token the emulator issues.
 * - `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…` — msal's cloud
 *   instance discovery. Note msal-node sends that request to the *real* login.microsoftonline.com
 *   whatever the authority, so sandbox clients must pass `knownAuthorities` (or
 *   `cloudDiscoveryMetadata`): see `msalAuthorityOptions()`. This route serves clients that
 *   are pointed at it explicitly.
 */

export function openIdConfiguration(ctx: IdentityContext, segment: string): Record<string, unknown> {
  const ref = resolveTenant(ctx, segment);
  const base = ctx.baseUrl();
  const t = ref.kind === "multi" ? ref.segment : ref.tenantId;
  const issuer = ref.kind === "multi" ? `${base}/{tenantid}/v2.0` : issuerFor(base, ref.tenantId);
  return {
    token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer,
    request_uri_parameter_supported: false,
    userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
    authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
    kerberos_endpoint: `${base}/${t}/kerberos`,
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  };
}

export function jwks(ctx: IdentityContext, segment: string): { keys: Record<string, unknown>[] } {
  const ref = resolveTenant(ctx, segment);
  const issuer = ref.kind === "multi" ? `${ctx.baseUrl()}/{tenantid}/v2.0` : issuerFor(ctx.baseUrl(), ref.tenantId);
  return { keys: ctx.keys.jwks.keys.map((k) => ({ ...k, issuer })) };
}

export function instanceDiscovery(ctx: IdentityContext, authorizationEndpoint: string | null): { status: number; body: Record<string, unknown> } {
  const base = new URL(ctx.baseUrl());
  let target: URL | undefined;
  try {
    target = authorizationEndpoint ? new URL(authorizationEndpoint) : undefined;
  } catch {
    target = undefined;
  }
  if (!target || target.host.toLowerCase() !== base.host.toLowerCase()) {
    return { status: 400, body: { error: "invalid_instance", error_description: "AADSTS50049: Unknown or invalid instance.", error_codes: [50049] } };
  }
  const tenant = target.pathname.split("/").filter(Boolean)[0] ?? "common";
  return {
    status: 200,
    body: {
      tenant_discovery_endpoint: `${ctx.baseUrl()}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: base.host, preferred_cache: base.host, aliases: [base.host] }],
    },
  };
}

/**
 * Options for an msal-node ConfidentialClientApplication pointed at the emulator, with
 * discovery pre-filled so msal makes no request to the real cloud.
 */
export function msalAuthorityOptions(ctx: IdentityContext, tenant: string): {
  authority: string;
  knownAuthorities: string[];
  cloudDiscoveryMetadata: string;
  authorityMetadata: string;
} {
  const host = new URL(ctx.baseUrl()).host;
  return {
    authority: `${ctx.baseUrl()}/${tenant}`,
    knownAuthorities: [host],
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${ctx.baseUrl()}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
    authorityMetadata: JSON.stringify(openIdConfiguration(ctx, tenant)),
  };
}

export function metadataRoutes(ctx: IdentityContext) {
  const guard =
    (fn: (req: SandboxRequest, res: ServerResponse) => void) =>
    (req: SandboxRequest, res: ServerResponse): void => {
      try {
        fn(req, res);
      } catch (error) {
        if (!(error instanceof EntraError)) throw error;
        sendEntraError(res, req, error, ctx.now(), ctx.baseUrl());
      }
    };
  return {
    openIdConfiguration: guard((req, res) => sendJson(res, 200, openIdConfiguration(ctx, req.params.tenant ?? ""))),
    jwks: guard((req, res) => sendJson(res, 200, jwks(ctx, req.params.tenant ?? ""))),
    instanceDiscovery: guard((req, res) => {
      const r = instanceDiscovery(ctx, req.query.get("authorization_endpoint"));
      sendJson(res, r.status, r.body);
    }),
  };
}
