import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson, type SandboxRequest } from "../common/http";

/**
 * Entra ID's error responses, in the exact shape the token endpoint returns:
 *   {"error","error_description":"AADSTS70011: …\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …",
 *    "error_codes":[70011],"timestamp","trace_id","correlation_id","error_uri"}
 * Status: 401 for `invalid_client`, 400 for everything else (Entra's own mapping).
 * Codes and wording follow learn.microsoft.com/entra/identity-platform/reference-error-codes.
 */
export class EntraError extends Error {
  constructor(
    readonly error: string,
    readonly code: number,
    readonly description: string,
    /** Extra members, e.g. `suberror: "consent_required"`. */
    readonly extra: Record<string, string> = {},
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = "EntraError";
  }

  get status(): number {
    return this.error === "invalid_client" ? 401 : 400;
  }
}

/** Entra's timestamp style: "2016-01-09 02:02:12Z". */
export function entraTimestamp(now: Date): string {
  return now.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export function entraErrorBody(err: EntraError, now: Date, baseUrl: string, correlationId?: string): Record<string, unknown> {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${baseUrl}/error?code=${err.code}`,
    ...err.extra,
  };
}

/** Entra echoes the caller's `client-request-id` (msal sends one) as the correlation id. */
export function correlationOf(req: SandboxRequest): string | undefined {
  const h = req.headers["client-request-id"];
  return typeof h === "string" && h.length > 0 ? h : undefined;
}

export function sendEntraError(res: ServerResponse, req: SandboxRequest, err: EntraError, now: Date, baseUrl: string): void {
  const body = entraErrorBody(err, now, baseUrl, correlationOf(req));
  sendJson(res, err.status, body, {
    "cache-control": "no-store, no-cache",
    pragma: "no-cache",
    "x-ms-request-id": String(body.trace_id),
    ...(correlationOf(req) ? { "client-request-id": correlationOf(req)! } : {}),
  });
}

// ---- the catalogue: one factory per AADSTS code the emulator produces ----

export const aad = {
  missingParameter: (name: string) =>
    new EntraError("invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`),
  malformed: (detail = "") => new EntraError("invalid_request", 9002313, `Invalid request. Request is malformed or invalid.${detail ? ` ${detail}` : ""}`),
  unsupportedGrant: (grant: string) => new EntraError("unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant}'.`),
  tenantNotFound: (tenant: string) =>
    new EntraError(
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  noTenantInfo: () =>
    new EntraError("invalid_request", 50059, "No tenant-identifying information found in either the request or implied by any provided credentials."),
  unknownApp: (clientId: string, tenantName: string) =>
    new EntraError(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    new EntraError(
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  missingCredential: () =>
    new EntraError("invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  invalidJwt: (detail = "") => new EntraError("invalid_request", 50027, `JWT token is invalid or malformed.${detail ? ` ${detail}` : ""}`),
  assertionSignature: (reason: string, thumbprint: string, clientId: string) =>
    new EntraError(
      "invalid_client",
      700027,
      `Client assertion contains an invalid signature. [Reason - ${reason}, Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
    ),
  assertionAppMismatch: () =>
    new EntraError("invalid_client", 700021, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."),
  assertionAudience: () =>
    new EntraError("invalid_client", 700023, "Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."),
  assertionTime: (now: Date, nbf: number | undefined, exp: number) =>
    new EntraError(
      "invalid_client",
      700024,
      `Client assertion is not within its valid time range. Current time: ${now.toISOString()}, assertion valid from ${nbf === undefined ? "(none)" : new Date(nbf * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
    ),
  assertionReplayed: () => new EntraError("invalid_client", 50027, "JWT token is invalid or malformed. The client assertion 'jti' has already been used."),
  invalidScope: (scope: string) =>
    new EntraError("invalid_scope", 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  multipleResources: (scope: string) =>
    new EntraError("invalid_scope", 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`),
  clientCredentialsScope: (scope: string) =>
    new EntraError(
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownResource: (resource: string, tenantName: string) =>
    new EntraError(
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  consentRequired: (clientId: string, name: string) =>
    new EntraError(
      "invalid_grant",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
      { suberror: "consent_required" },
    ),
  invalidCode: () => new EntraError("invalid_grant", 70000, "The provided value for the 'code' parameter is not valid."),
  invalidGrant: () => new EntraError("invalid_grant", 70000, "Provided grant is invalid or malformed."),
  codeExpired: () =>
    new EntraError("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."),
  codeRedeemed: () =>
    new EntraError("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
  pkceMismatch: () => new EntraError("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
  replyMismatch: (given: string, expected: string) =>
    new EntraError("invalid_grant", 500112, `The reply address '${given}' does not match the reply address '${expected}' provided when requesting Authorization code.`),
  refreshTokenMalformed: () => new EntraError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  refreshTokenRevoked: (issued: Date, validFrom: Date) =>
    new EntraError(
      "invalid_grant",
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued.toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom.toISOString()}'.`,
    ),
  refreshTokenExpired: (issued: Date) =>
    new EntraError("invalid_grant", 700082, `The refresh token has expired due to inactivity. The token was issued on ${issued.toISOString()} and was inactive for 90.00:00:00.`),
  userDisabled: () => new EntraError("invalid_grant", 50057, "The user account is disabled."),
  oboAssertion: (detail: string) => new EntraError("invalid_grant", 50013, `Assertion failed signature validation. [Reason - ${detail}]`),
  oboAudience: (aud: string, clientId: string) =>
    new EntraError(
      "invalid_grant",
      50013,
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${aud}' and the expected audience is '${clientId}' or one of the Application Id URIs of this web API registered in Microsoft Entra ID.`,
    ),
  oboExpired: (now: Date, exp: number) =>
    new EntraError(
      "invalid_grant",
      500133,
      `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${now.toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}.`,
    ),
  requestedTokenUse: () => new EntraError("invalid_request", 900144, "The request body must contain the following parameter: 'requested_token_use'."),
};
