import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import forge from "node-forge";
import type { AppRegistration } from "./apps";

/**
 * The sandbox's own app registrations and their credentials.
 *
 * - The sandbox app: the Teams app's Entra registration (Graph client). It has a client secret
 *   AND a certificate, so both tenant-mode paths (certificate assertion) and secret-based flows
 *   can be exercised. The key pair is generated once and persisted under `.data/sandbox-app/`.
 * - The sandbox bot app: the bot's Microsoft App ID + password (Bot Framework tokens).
 *
 * The ids are fixed (tests and configs can name them); the secrets are random per checkout.
 */
export const SANDBOX_APP_ID = "3f6c2b1e-8d4a-4e7b-9c5d-1a2b3c4d5e6f";
export const SANDBOX_BOT_APP_ID = "b07b07b0-2c1d-4e5f-8a9b-0c1d2e3f4a5b";

export const DEFAULT_SANDBOX_APP_DIR = join(process.cwd(), ".data", "sandbox-app");

/** Reply URLs registered for the sandbox app (loopback: any port matches, as in Entra). */
export const SANDBOX_APP_REDIRECT_URIS = [
  "https://localhost/auth/callback",
  "https://localhost/api/auth/callback",
  "https://localhost/api/auth/microsoft/callback",
  "https://localhost/auth-end.html",
  "http://localhost/auth/callback",
  "http://localhost/api/auth/callback",
  "http://localhost/api/auth/microsoft/callback",
  "https://localhost/api/auth/microsoft/admin-consent",
  "http://localhost/api/auth/microsoft/admin-consent",
];

export interface SandboxAppCredentials {
  clientId: string;
  clientSecret: string;
  certificatePem: string;
  privateKeyPem: string;
  /** Upper-case hex, as the Azure portal shows it; msal-node's `clientCertificate.thumbprint`. */
  thumbprintSha1: string;
  /** Hex; msal-node's `clientCertificate.thumbprintSha256`. */
  thumbprintSha256: string;
  certificatePath: string;
  privateKeyPath: string;
}

export interface SandboxBotCredentials {
  appId: string;
  appPassword: string;
}

export interface SandboxCredentials {
  app: SandboxAppCredentials;
  bot: SandboxBotCredentials;
}

const FILES = {
  cert: "cert.pem",
  key: "key.pem",
  sha1: "thumbprint-sha1.txt",
  sha256: "thumbprint-sha256.txt",
  secrets: "secrets.json",
} as const;

/** Loads the sandbox credentials from `dir`, generating them on first use. */
export function loadSandboxCredentials(dir: string = DEFAULT_SANDBOX_APP_DIR): SandboxCredentials {
  if (!existsSync(join(dir, FILES.secrets)) || certificateExpiringSoon(join(dir, FILES.cert))) generateInto(dir);
  const secrets = JSON.parse(readFileSync(join(dir, FILES.secrets), "utf8")) as { clientSecret: string; botAppPassword: string };
  return {
    app: {
      clientId: SANDBOX_APP_ID,
      clientSecret: secrets.clientSecret,
      certificatePem: readFileSync(join(dir, FILES.cert), "utf8"),
      privateKeyPem: readFileSync(join(dir, FILES.key), "utf8"),
      thumbprintSha1: readFileSync(join(dir, FILES.sha1), "utf8").trim(),
      thumbprintSha256: readFileSync(join(dir, FILES.sha256), "utf8").trim(),
      certificatePath: join(dir, FILES.cert),
      privateKeyPath: join(dir, FILES.key),
    },
    bot: { appId: SANDBOX_BOT_APP_ID, appPassword: secrets.botAppPassword },
  };
}

/** The registrations the emulator starts with, built from the persisted credentials. */
export function sandboxAppRegistrations(creds: SandboxCredentials, extraRedirectUris: string[] = []): AppRegistration[] {
  return [
    {
      clientId: creds.app.clientId,
      displayName: "Webex Scheduler (sandbox)",
      secrets: [creds.app.clientSecret],
      certificatePems: [creds.app.certificatePem],
      redirectUris: [...SANDBOX_APP_REDIRECT_URIS, ...extraRedirectUris],
      identifierUris: [`api://localhost/${creds.app.clientId}`],
      // Exactly SPEC.md's permission table.
      applicationPermissions: ["User.Read.All", "Directory.Read.All", "Calendars.ReadWrite", "Contacts.Read", "Group.Read.All"],
      delegatedPermissions: ["openid", "profile", "offline_access", "User.Read", "Calendars.ReadWrite"],
      exposedScopes: ["access_as_user"],
    },
    {
      clientId: creds.bot.appId,
      displayName: "Webex Scheduler bot (sandbox)",
      secrets: [creds.bot.appPassword],
      identifierUris: [],
      exposedScopes: [],
    },
  ];
}

function certificateExpiringSoon(path: string): boolean {
  try {
    const cert = new X509Certificate(readFileSync(path));
    return new Date(cert.validTo).getTime() - Date.now() < 7 * 24 * 3600 * 1000;
  } catch {
    return true;
  }
}

/** Entra-looking secret values: 40 characters with the `~` marker the portal's secrets carry. */
function newSecret(): string {
  const raw = randomBytes(30).toString("base64url").replace(/[-_]/g, "x");
  return `${raw.slice(0, 3)}8Q~${raw.slice(3, 37)}`;
}

/**
 * Writes a complete credential set into a temporary directory, then renames it into place so
 * concurrent first runs (jest workers) never see a half-written set or mismatched cert and key.
 */
function generateInto(dir: string): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, ".sandbox-app-"));
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01" + randomBytes(15).toString("hex");
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 3600 * 1000);
  cert.validity.notAfter = new Date(now + 2 * 365 * 24 * 3600 * 1000);
  const name = [{ name: "commonName", value: "Webex Scheduler sandbox app" }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([{ name: "basicConstraints", cA: false }, { name: "keyUsage", digitalSignature: true, critical: true }]);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  const der = new X509Certificate(certificatePem).raw;

  writeFileSync(join(tmp, FILES.cert), certificatePem);
  writeFileSync(join(tmp, FILES.key), privateKeyPem, { mode: 0o600 });
  writeFileSync(join(tmp, FILES.sha1), createHash("sha1").update(der).digest("hex").toUpperCase() + "\n");
  writeFileSync(join(tmp, FILES.sha256), createHash("sha256").update(der).digest("hex").toUpperCase() + "\n");
  writeFileSync(join(tmp, FILES.secrets), JSON.stringify({ clientSecret: newSecret(), botAppPassword: newSecret() }, null, 2) + "\n", { mode: 0o600 });

  const stale = existsSync(dir) ? `${dir}.old-${process.pid}-${now}` : undefined;
  try {
    if (stale) renameSync(dir, stale);
    renameSync(tmp, dir);
  } catch (error) {
    // Another process won the race: keep its set, drop ours.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, FILES.secrets))) throw error;
  } finally {
    if (stale) rmSync(stale, { recursive: true, force: true });
  }
}
