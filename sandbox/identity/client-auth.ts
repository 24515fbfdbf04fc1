import { compactVerify, decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from "jose";
import { z } from "zod";
import type { SandboxRequest } from "../common/http";
import { secretMatches, type RegisteredApp, type RegisteredCertificate } from "./apps";
import type { IdentityContext, TenantRef } from "./context";
import { aad } from "./errors";
import type { ClientAuthMethod } from "./token-issuer";

/**
 * Client authentication at the token endpoint, as Entra does it:
 * - `client_secret` in the body (or HTTP Basic);
 * - `client_assertion` (RFC 7523): a JWT signed with the key of a certificate registered on the
 *   app, found by its `x5t` (SHA-1) or `x5t#S256` (SHA-256) thumbprint; RS256 or PS256;
 *   `iss` = `sub` = client id; `aud` = this tenant's token endpoint (or its v2 issuer); `exp`,
 *   `nbf` within range (with skew); `jti` present.
 * - nothing, for public clients only.
 */

export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// RFC 7523 §3 claims; Entra requires all of these (https://learn.microsoft.com/entra/identity-platform/certificate-credentials).
const AssertionClaims = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
  jti: z.string().min(1),
});

export interface AuthenticatedClient {
  app: RegisteredApp;
  method: ClientAuthMethod;
}

function basicAuth(req: SandboxRequest): { id: string; secret: string } | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Basic\s+(.+)$/i.exec(h) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

export async function authenticateClient(ctx: IdentityContext, ref: TenantRef, req: SandboxRequest, form: URLSearchParams): Promise<AuthenticatedClient> {
  const basic = basicAuth(req);
  const assertion = form.get("client_assertion");
  const assertionType = form.get("client_assertion_type");
  const secret = form.get("client_secret") ?? basic?.secret;
  let clientId = form.get("client_id") ?? basic?.id ?? undefined;
  if (!clientId && assertion) clientId = safeIss(assertion);
  if (!clientId) throw aad.missingParameter("client_id");
  const app = ctx.apps.get(clientId);
  if (!app) throw aad.unknownApp(clientId, ref.name);

  if (assertion || assertionType) {
    if (secret) throw aad.malformed("Only one client credential may be presented.");
    if (assertionType !== JWT_BEARER_ASSERTION) throw aad.malformed(`Unsupported client_assertion_type '${assertionType ?? ""}'.`);
    if (!assertion) throw aad.missingParameter("client_assertion");
    await verifyAssertion(ctx, ref, app, assertion);
    return { app, method: "certificate" };
  }
  if (secret !== undefined && secret !== null) {
    if (!secretMatches(app, secret)) throw aad.invalidSecret(app.clientId);
    return { app, method: "secret" };
  }
  if (app.publicClient) return { app, method: "none" };
  throw aad.missingCredential();
}

function safeIss(jwt: string): string | undefined {
  try {
    const iss = decodeJwt(jwt).iss;
    return typeof iss === "string" ? iss : undefined;
  } catch {
    return undefined;
  }
}

function thumbprintOf(header: ProtectedHeaderParameters): { cert: (c: RegisteredCertificate) => boolean; hex: string } | undefined {
  const s256 = header["x5t#S256"];
  if (typeof s256 === "string") {
    const want = Buffer.from(s256, "base64url");
    return { cert: (c) => c.sha256.equals(want), hex: want.toString("hex").toUpperCase() };
  }
  if (typeof header.x5t === "string") {
    const want = Buffer.from(header.x5t, "base64url");
    return { cert: (c) => c.sha1.equals(want), hex: want.toString("hex").toUpperCase() };
  }
  return undefined;
}

/** The audiences Entra accepts in a client assertion for this tenant. */
function acceptedAudiences(ctx: IdentityContext, ref: TenantRef): Set<string> {
  const base = ctx.baseUrl();
  const t = ctx.tenant;
  const segments = ref.kind === "multi" ? [ref.segment] : ref.kind === "botframework" ? ["botframework.com", ref.tenantId] : [t.id, ...t.verifiedDomains];
  const out = new Set<string>();
  for (const s of segments) {
    out.add(`${base}/${s}/oauth2/v2.0/token`);
    out.add(`${base}/${s}/oauth2/token`);
    out.add(`${base}/${s}/v2.0`);
  }
  return new Set([...out].map((a) => a.toLowerCase()));
}

async function verifyAssertion(ctx: IdentityContext, ref: TenantRef, app: RegisteredApp, jwt: string): Promise<void> {
  let header: ProtectedHeaderParameters;
  let rawClaims: unknown;
  try {
    header = decodeProtectedHeader(jwt);
    rawClaims = decodeJwt(jwt);
  } catch {
    throw aad.invalidJwt();
  }
  const parsed = AssertionClaims.safeParse(rawClaims);
  if (!parsed.success) throw aad.invalidJwt(`Missing or invalid claim: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.`);
  const claims = parsed.data;

  if (header.alg !== "RS256" && header.alg !== "PS256") throw aad.invalidJwt(`Unsupported signing algorithm '${String(header.alg)}'.`);
  const thumb = thumbprintOf(header);
  if (!thumb) throw aad.assertionSignature("The key was not found.", "", app.clientId);
  const cert = app.certificates.find(thumb.cert);
  if (!cert) throw aad.assertionSignature("The key was not found.", thumb.hex, app.clientId);
  const now = ctx.now();
  if (cert.notAfter.getTime() < now.getTime() || cert.notBefore.getTime() > now.getTime()) {
    throw aad.assertionSignature("The key used is expired.", thumb.hex, app.clientId);
  }
  try {
    await compactVerify(jwt, cert.publicKey, { algorithms: ["RS256", "PS256"] });
  } catch {
    throw aad.assertionSignature("The provided signature value did not match the expected signature value.", thumb.hex, app.clientId);
  }

  if (claims.iss.toLowerCase() !== app.clientId || claims.sub.toLowerCase() !== app.clientId) throw aad.assertionAppMismatch();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const accepted = acceptedAudiences(ctx, ref);
  if (!audiences.some((a) => accepted.has(a.toLowerCase()))) throw aad.assertionAudience();

  const nowS = now.getTime() / 1000;
  const skew = ctx.settings.clockSkewSeconds;
  if (claims.exp + skew < nowS || (claims.nbf !== undefined && claims.nbf - skew > nowS)) throw aad.assertionTime(now, claims.nbf, claims.exp);
  if (ctx.settings.rejectReusedAssertionJti && !ctx.state.useJti(app.clientId, claims.jti, (claims.exp + skew) * 1000, now.getTime())) {
    throw aad.assertionReplayed();
  }
}
