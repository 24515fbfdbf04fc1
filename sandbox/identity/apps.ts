import { X509Certificate, createHash, timingSafeEqual, type KeyObject } from "node:crypto";
import { canonicalApplication, canonicalDelegated } from "./permissions";

/**
 * App registrations known to the emulator — the sandbox's stand-in for Entra's application
 * objects: credentials (secrets, certificates), reply URLs, Application ID URIs, and the
 * Graph permissions the app asks for (`requiredResourceAccess`). Registrations are global:
 * the sandbox models every app as multi-tenant, visible in every tenant it serves.
 */

export interface AppRegistration {
  clientId: string;
  displayName?: string;
  /** Client secret values (what goes into `client_secret`). */
  secrets?: string[];
  /** PEM certificates whose keys may sign client assertions. */
  certificatePems?: string[];
  redirectUris?: string[];
  /** Application ID URIs, e.g. `api://localhost/<clientId>`. `api://<clientId>` is always added. */
  identifierUris?: string[];
  /** Graph application permissions the app requests (granted only by admin consent). */
  applicationPermissions?: string[];
  /** Graph delegated permissions the app requests (what `/.default` means for a user). */
  delegatedPermissions?: string[];
  /** Scopes the app's own API exposes; clients are treated as pre-authorised for them. */
  exposedScopes?: string[];
  /** A public client (SPA, native) authenticates without a credential. */
  publicClient?: boolean;
}

export interface RegisteredCertificate {
  pem: string;
  publicKey: KeyObject;
  /** SHA-1 / SHA-256 of the DER, as raw bytes — `x5t` / `x5t#S256` are their base64url. */
  sha1: Buffer;
  sha256: Buffer;
  notBefore: Date;
  notAfter: Date;
}

export interface RegisteredApp {
  clientId: string;
  displayName: string;
  secrets: string[];
  certificates: RegisteredCertificate[];
  redirectUris: string[];
  identifierUris: string[];
  applicationPermissions: string[];
  delegatedPermissions: string[];
  exposedScopes: string[];
  publicClient: boolean;
  /** Object id of the app's service principal (the `oid` of its app-only tokens). */
  servicePrincipalId: string;
}

export class AppRegistrationError extends Error {}

export function parseCertificate(pem: string): RegisteredCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (cause) {
    throw new AppRegistrationError("certificate is not a valid PEM X.509 certificate", { cause });
  }
  return {
    pem,
    publicKey: cert.publicKey,
    sha1: createHash("sha1").update(cert.raw).digest(),
    sha256: createHash("sha256").update(cert.raw).digest(),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

/** A stable GUID-shaped id derived from a string (service principal ids, pairwise subjects). */
export function derivedGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function canonicalList(names: string[] | undefined, canon: (n: string) => string | undefined, kind: string): string[] {
  return (names ?? []).map((n) => {
    const c = canon(n);
    if (!c) throw new AppRegistrationError(`unknown Graph ${kind} permission '${n}'`);
    return c;
  });
}

export function toRegisteredApp(reg: AppRegistration): RegisteredApp {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reg.clientId)) {
    throw new AppRegistrationError("clientId must be a GUID");
  }
  const clientId = reg.clientId.toLowerCase();
  const identifierUris = [...new Set([`api://${clientId}`, ...(reg.identifierUris ?? [])])];
  return {
    clientId,
    displayName: reg.displayName ?? `Sandbox app ${clientId.slice(0, 8)}`,
    secrets: [...(reg.secrets ?? [])],
    certificates: (reg.certificatePems ?? []).map(parseCertificate),
    redirectUris: [...(reg.redirectUris ?? [])],
    identifierUris,
    applicationPermissions: canonicalList(reg.applicationPermissions, canonicalApplication, "application"),
    delegatedPermissions: canonicalList(reg.delegatedPermissions, canonicalDelegated, "delegated"),
    exposedScopes: [...(reg.exposedScopes ?? ["access_as_user"])],
    publicClient: reg.publicClient ?? false,
    servicePrincipalId: derivedGuid(`sp:${clientId}`),
  };
}

export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  constructor(private readonly seed: AppRegistration[]) {
    this.reset();
  }

  reset(): void {
    this.apps.clear();
    for (const reg of this.seed) this.register(reg);
  }

  /** Adds or replaces a registration. */
  register(reg: AppRegistration): RegisteredApp {
    const app = toRegisteredApp(reg);
    this.apps.set(app.clientId, app);
    return app;
  }

  get(clientId: string): RegisteredApp | undefined {
    return this.apps.get(clientId.toLowerCase());
  }

  list(): RegisteredApp[] {
    return [...this.apps.values()];
  }

  /** The app whose client id or Application ID URI is `audience`. */
  byAudience(audience: string): RegisteredApp | undefined {
    const a = audience.replace(/\/+$/, "").toLowerCase();
    return this.list().find((app) => app.clientId === a || app.identifierUris.some((u) => u.toLowerCase() === a));
  }
}

export function secretMatches(app: RegisteredApp, secret: string): boolean {
  const given = Buffer.from(secret);
  return app.secrets.some((s) => {
    const expected = Buffer.from(s);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/**
 * Reply-URL matching as Entra does it: exact match, except that for loopback hosts
 * (`localhost`, `127.0.0.1`) the port is ignored — native and local web apps pick ports freely.
 */
export function redirectUriAllowed(app: RegisteredApp, uri: string): boolean {
  if (app.redirectUris.includes(uri)) return true;
  let given: URL;
  try {
    given = new URL(uri);
  } catch {
    return false;
  }
  if (given.hostname !== "localhost" && given.hostname !== "127.0.0.1") return false;
  return app.redirectUris.some((r) => {
    try {
      const reg = new URL(r);
      return reg.protocol === given.protocol && reg.hostname === given.hostname && reg.pathname === given.pathname && reg.search === given.search;
    } catch {
      return false;
    }
  });
}
