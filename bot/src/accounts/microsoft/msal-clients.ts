import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { z } from "zod";
import type { Config } from "../../config";

/**
 * How this app proves itself to Entra ID (certificate when configured, else the client secret)
 * and the msal-node clients built from that. Two kinds of client:
 * - one long-lived client per tenant for app-only tokens (msal caches and renews those);
 * - a fresh client with an empty cache for every delegated operation (code redemption, refresh),
 *   so that the refresh token found in its cache afterwards is exactly this user's, and nothing
 *   of one user's lingers in memory for another.
 */

/** Delegated Graph permissions of individual mode (SPEC.md); msal adds openid profile offline_access. */
export const DELEGATED_SCOPES = ["User.Read", "Calendars.ReadWrite"] as const;
/** The OIDC scopes asked for explicitly too, so the sign-in page lists them and a refresh token is issued. */
export const SIGN_IN_SCOPES = ["openid", "profile", "offline_access", ...DELEGATED_SCOPES] as const;
/**
 * App-only tokens are always for the Graph resource id, whatever GRAPH_BASE_URL says (the sandbox
 * and national clouds only move the endpoint; a national cloud would need its own resource here).
 */
export const GRAPH_APP_SCOPE = "https://graph.microsoft.com/.default";

export type ClientCredential =
  | { kind: "certificate"; privateKeyPem: string; thumbprintSha256: string }
  | { kind: "secret"; secret: string };

export interface MsalSettings {
  authorityHost: string;
  clientId: string;
  credential: ClientCredential;
}

export class MicrosoftConfigurationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MicrosoftConfigurationError";
  }
}

/** Reads the configured credential once at start-up; a missing or unreadable file stops start-up. */
export function msalSettingsFrom(config: Config): MsalSettings {
  const m = config.microsoft;
  if (!m.clientId) throw new MicrosoftConfigurationError("AAD_APP_CLIENT_ID is required for Microsoft sign-in and Graph access");
  const authorityHost = m.authorityHost.replace(/\/+$/, "");
  if (m.certificatePath && m.certificateKeyPath) {
    return { authorityHost, clientId: m.clientId, credential: loadCertificate(m.certificatePath, m.certificateKeyPath) };
  }
  if (m.clientSecret) return { authorityHost, clientId: m.clientId, credential: { kind: "secret", secret: m.clientSecret } };
  throw new MicrosoftConfigurationError("set AAD_APP_CERT_PATH + AAD_APP_CERT_KEY_PATH, or AAD_APP_CLIENT_SECRET");
}

export function loadCertificate(certificatePath: string, keyPath: string): ClientCredential {
  let certificatePem: string;
  let privateKeyPem: string;
  try {
    certificatePem = readFileSync(certificatePath, "utf8");
    privateKeyPem = readFileSync(keyPath, "utf8");
  } catch (error) {
    throw new MicrosoftConfigurationError(`could not read the certificate (${certificatePath}) or its key`, { cause: error });
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch (error) {
    throw new MicrosoftConfigurationError(`${certificatePath} is not a PEM X.509 certificate`, { cause: error });
  }
  // "AB:CD:…" → "abcd…": the hex msal-node turns into the assertion's `x5t#S256` header.
  const thumbprintSha256 = certificate.fingerprint256.replace(/:/g, "").toLowerCase();
  return { kind: "certificate", privateKeyPem, thumbprintSha256 };
}

/** `https://login.microsoftonline.com/{tenant}` */
export function authorityFor(settings: MsalSettings, tenant: string): string {
  return `${settings.authorityHost}/${encodeURIComponent(tenant)}`;
}

export function createMsalClient(settings: MsalSettings, tenant: string): ConfidentialClientApplication {
  const credential =
    settings.credential.kind === "certificate"
      ? { clientCertificate: { thumbprintSha256: settings.credential.thumbprintSha256, privateKey: settings.credential.privateKeyPem } }
      : { clientSecret: settings.credential.secret };
  const config: Configuration = {
    auth: {
      clientId: settings.clientId,
      authority: authorityFor(settings, tenant),
      // Without this msal-node asks the real cloud's instance discovery about any host it does not
      // know (the sandbox, a sovereign cloud) and fails; with it, it reads the host's own metadata.
      knownAuthorities: [new URL(settings.authorityHost).host],
      ...credential,
    },
  };
  return new ConfidentialClientApplication(config);
}

// msal-node's serialized cache: https://github.com/AzureAD/microsoft-authentication-library-for-js/blob/dev/lib/msal-node/docs/caching.md
const SerializedCache = z.object({
  RefreshToken: z.record(z.string(), z.object({ home_account_id: z.string().optional(), secret: z.string().min(1) })).optional(),
});

/**
 * msal-node keeps refresh tokens out of its results; they are only in its cache. The client is
 * a fresh one used for a single user, so its cache holds that user's refresh token (the rotated
 * one after a refresh); the home account id only picks among entries should there be several.
 */
export function refreshTokenFromCache(client: ConfidentialClientApplication, homeAccountId?: string): string | undefined {
  const parsed = SerializedCache.safeParse(JSON.parse(client.getTokenCache().serialize()));
  if (!parsed.success) return undefined;
  const entries = Object.values(parsed.data.RefreshToken ?? {});
  const match = (homeAccountId === undefined ? undefined : entries.find((e) => e.home_account_id === homeAccountId)) ?? entries[0];
  return match?.secret;
}

const JwtPayload = z.looseObject({ roles: z.array(z.string()).optional() });

/**
 * The `roles` claim of an app-only token. Not verified on purpose: msal just received this token
 * from Entra over TLS for our own request; we read it to learn what an admin granted, we do not
 * accept it from anyone. (Inbound tokens are always verified elsewhere.)
 */
export function appTokenRoles(accessToken: string): string[] {
  const payload = accessToken.split(".")[1];
  if (payload === undefined) return [];
  try {
    const parsed = JwtPayload.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? (parsed.data.roles ?? []) : [];
  } catch {
    return []; // not a JWT (Entra may issue opaque tokens for other resources): nothing granted we can see
  }
}
