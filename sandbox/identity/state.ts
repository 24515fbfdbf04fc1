import { randomBytes } from "node:crypto";
import type { RegisteredApp } from "./apps";
import type { TenantRef } from "./context";
import type { ParsedScope, Resource } from "./scopes";

/**
 * Everything the emulator remembers between requests: consent grants, authorization codes,
 * refresh tokens, used assertion ids and half-finished sign-ins. In memory, cleared by reset().
 *
 * Consent is modelled as Entra's oauth2PermissionGrants (delegated: per user, or tenant-wide
 * "AllPrincipals" by an admin) and appRoleAssignments (application permissions, admin only).
 * Scope names are Graph's (the only resource with consentable permissions in the sandbox),
 * plus the OpenID Connect scopes, which are consented like any other.
 */

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  tenantId: string;
  resource: Resource;
  names: string[];
  oidc: string[];
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  nonce?: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshRecord {
  clientId: string;
  userId: string;
  tenantId: string;
  resource: Resource;
  names: string[];
  oidc: string[];
  issuedAt: number;
  expiresAt: number;
  revokedAt?: number;
}

export type ResponseMode = "query" | "fragment" | "form_post";

/** A sign-in in progress on the authorize page. */
export interface PendingAuthorize {
  kind: "authorize";
  ref: TenantRef;
  app: RegisteredApp;
  redirectUri: string;
  responseMode: ResponseMode;
  scope: ParsedScope;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  prompt?: string;
  userId?: string;
  expiresAt: number;
}

/** An admin-consent request in progress. */
export interface PendingAdminConsent {
  kind: "adminconsent";
  ref: TenantRef;
  app: RegisteredApp;
  redirectUri: string;
  state?: string;
  roles: string[];
  scopes: string[];
  /** v2 endpoint: the redirect also carries `scope`. */
  v2Scope?: string;
  expiresAt: number;
}

export type PendingSignIn = PendingAuthorize | PendingAdminConsent;

export interface AdminGrant {
  roles: Set<string>;
  scopes: Set<string>;
}

export class IdentityState {
  readonly adminGrants = new Map<string, AdminGrant>();
  private readonly userGrants = new Map<string, Set<string>>();
  readonly codes = new Map<string, AuthCode>();
  readonly refreshTokens = new Map<string, RefreshRecord>();
  readonly usedJtis = new Map<string, number>();
  /** Sign-ins in progress on the authorize / adminconsent pages, by transaction id. */
  readonly pending = new Map<string, PendingSignIn>();

  reset(): void {
    this.adminGrants.clear();
    this.userGrants.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.usedJtis.clear();
    this.pending.clear();
  }

  adminGrant(clientId: string): AdminGrant {
    let g = this.adminGrants.get(clientId);
    if (!g) {
      g = { roles: new Set(), scopes: new Set() };
      this.adminGrants.set(clientId, g);
    }
    return g;
  }

  /** The admin's tenant-wide delegated grant (empty when there is none); does not create one. */
  adminScopes(clientId: string): Set<string> {
    return new Set(this.adminGrants.get(clientId)?.scopes ?? []);
  }

  grantAdmin(clientId: string, roles: string[], scopes: string[]): void {
    const g = this.adminGrant(clientId);
    roles.forEach((r) => g.roles.add(r));
    scopes.forEach((s) => g.scopes.add(s));
  }

  revokeAdmin(clientId: string): void {
    this.adminGrants.delete(clientId);
  }

  rolesFor(clientId: string): string[] {
    return [...(this.adminGrants.get(clientId)?.roles ?? [])].sort();
  }

  grantUser(userId: string, clientId: string, scopes: string[]): void {
    const key = `${userId} ${clientId}`;
    const set = this.userGrants.get(key) ?? new Set<string>();
    scopes.forEach((s) => set.add(s));
    this.userGrants.set(key, set);
  }

  revokeUser(userId: string, clientId: string): void {
    this.userGrants.delete(`${userId} ${clientId}`);
  }

  /** Delegated scopes this user may use with this app: own consent ∪ the admin's tenant-wide grant. */
  consentedScopes(userId: string, clientId: string): Set<string> {
    return new Set([...(this.userGrants.get(`${userId} ${clientId}`) ?? []), ...(this.adminGrants.get(clientId)?.scopes ?? [])]);
  }

  userGrantsSnapshot(): { userId: string; clientId: string; scopes: string[] }[] {
    return [...this.userGrants.entries()].map(([key, set]) => {
      const [userId = "", clientId = ""] = key.split(" ");
      return { userId, clientId, scopes: [...set].sort() };
    });
  }

  /** Revokes every refresh token of a user (Graph's revokeSignInSessions). Returns how many. */
  revokeRefreshTokens(userId: string, now: number): number {
    let n = 0;
    for (const rec of this.refreshTokens.values()) {
      if (rec.userId === userId && rec.revokedAt === undefined) {
        rec.revokedAt = now;
        n++;
      }
    }
    return n;
  }

  /** Records a client-assertion `jti`; false when it was seen before and has not expired. */
  useJti(clientId: string, jti: string, expiresAt: number, now: number): boolean {
    for (const [k, exp] of this.usedJtis) if (exp < now) this.usedJtis.delete(k);
    const key = `${clientId} ${jti}`;
    if (this.usedJtis.has(key)) return false;
    this.usedJtis.set(key, expiresAt);
    return true;
  }
}

/** Opaque, unguessable handles (codes, refresh tokens, transaction ids). */
export function opaque(prefix: string, bytes = 48): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}
