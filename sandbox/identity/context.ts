import type { SigningKeys } from "../common/tokens";
import type { Tenant, TenantUser } from "../tenant";
import type { AppRegistry } from "./apps";
import { aad } from "./errors";
import type { IdentityState } from "./state";

/**
 * What every part of the emulator shares: the tenant, the keys, the clock, the base URL
 * (known once the server listens), the app registry and the mutable state.
 */
export interface IdentitySettings {
  accessTokenLifetimeSeconds: number;
  idTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  codeLifetimeSeconds: number;
  channelTokenLifetimeSeconds: number;
  /** Tolerance when checking client assertion times, as Entra allows some skew. */
  clockSkewSeconds: number;
  /**
   * Refuse a client assertion whose `jti` was used before. Off by default: msal-node (and
   * MSAL Python) cache one signed assertion for ~10 minutes and send it again for every
   * token request to the same endpoint, which Entra accepts — so refusing it would fail
   * flows that work against the real service.
   */
  rejectReusedAssertionJti: boolean;
  /** Channels whose activities the Bot Framework signing key endorses. */
  channelEndorsements: string[];
}

export interface IdentityContext {
  tenant: Tenant;
  keys: SigningKeys;
  now(): Date;
  baseUrl(): string;
  apps: AppRegistry;
  state: IdentityState;
  settings: IdentitySettings;
}

/** The Bot Framework's own tenant (botframework.com), where bots get their channel tokens. */
export const BOTFRAMEWORK_TENANT_ID = "d6d49420-f39b-4df7-a1dc-d59a935871db";
export const BOTFRAMEWORK_TENANT_NAME = "botframework.com";

export type TenantRef =
  | { kind: "tenant"; tenantId: string; name: string; segment: string }
  | { kind: "botframework"; tenantId: string; name: string; segment: string }
  | { kind: "multi"; segment: "common" | "organizations"; name: string };

/**
 * Resolves the `{tenant}` path segment: the tenant id, a verified domain, the initial
 * `<name>.onmicrosoft.com` domain, `botframework.com`, or `common` / `organizations`.
 */
export function resolveTenant(ctx: IdentityContext, segment: string): TenantRef {
  const s = segment.toLowerCase();
  const t = ctx.tenant;
  if (s === "common" || s === "organizations") return { kind: "multi", segment: s, name: s };
  if (s === t.id.toLowerCase() || t.verifiedDomains.some((d) => d.toLowerCase() === s) || s === initialDomain(t)) {
    return { kind: "tenant", tenantId: t.id, name: t.verifiedDomains[0] ?? t.id, segment };
  }
  if (s === BOTFRAMEWORK_TENANT_NAME || s === BOTFRAMEWORK_TENANT_ID) {
    return { kind: "botframework", tenantId: BOTFRAMEWORK_TENANT_ID, name: BOTFRAMEWORK_TENANT_NAME, segment };
  }
  throw aad.tenantNotFound(segment);
}

export function initialDomain(t: Tenant): string {
  return `${t.displayName.toLowerCase().replace(/[^a-z0-9]/g, "")}.onmicrosoft.com`;
}

/** The tenant id a request acts in; `common` / `organizations` resolve to the user's home tenant. */
export function tenantIdFor(ref: TenantRef, ctx: IdentityContext): string {
  return ref.kind === "multi" ? ctx.tenant.id : ref.tenantId;
}

/** A user by object id, UPN or primary e-mail (case-insensitive). */
export function findUser(tenant: Tenant, idOrName: string): TenantUser | undefined {
  const q = idOrName.trim().toLowerCase();
  return tenant.users.find((u) => u.id.toLowerCase() === q || u.userPrincipalName.toLowerCase() === q || (u.mail ?? "").toLowerCase() === q);
}

export function issuerFor(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/v2.0`;
}

export function nowSeconds(ctx: IdentityContext): number {
  return Math.floor(ctx.now().getTime() / 1000);
}
