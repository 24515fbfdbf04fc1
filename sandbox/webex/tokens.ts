import type { ServerResponse } from "node:http";
import { bearerToken, type SandboxRequest } from "../common/http";
import type { WebexPerson } from "./directory";
import { MESSAGES, sendWebexError } from "./errors";
import { newAuthorizationCode, newOpaqueToken } from "./ids";

/**
 * Opaque access tokens, refresh tokens and authorization codes, as the Webex identity service
 * hands them out. Lifetimes are Webex's published ones: access tokens 14 days, refresh tokens
 * 90 days (using a refresh token restarts its 90 days — *uncertain*, configurable below),
 * authorization codes a few minutes and single-use.
 */
export const ACCESS_TOKEN_SECONDS = 14 * 24 * 3600 - 1;
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3600 - 1;
export const CODE_SECONDS = 5 * 60;

export interface Grant {
  token: string;
  person: WebexPerson;
  scopes: ReadonlySet<string>;
  clientId: string;
  expiresAtMs: number;
}

export interface CodeGrant extends Grant {
  redirectUri: string;
}

export type AccessLookup = { ok: true; grant: Grant } | { ok: false; reason: "missing" | "unknown" | "expired" };

export interface TokenStoreOptions {
  accessTokenSeconds?: number;
  refreshTokenSeconds?: number;
  /** Whether redeeming a refresh token restarts its lifetime. */
  slidingRefresh?: boolean;
}

export class TokenStore {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Grant>();
  private readonly codes = new Map<string, CodeGrant>();

  constructor(private readonly now: () => number, private readonly options: TokenStoreOptions = {}) {}

  get accessSeconds(): number {
    return this.options.accessTokenSeconds ?? ACCESS_TOKEN_SECONDS;
  }

  issueAccess(person: WebexPerson, scopes: Iterable<string>, clientId: string, lifetimeSeconds = this.accessSeconds, token?: string): Grant {
    const grant: Grant = { token: token ?? newOpaqueToken(person.orgUuid), person, scopes: new Set(scopes), clientId, expiresAtMs: this.now() + lifetimeSeconds * 1000 };
    this.access.set(grant.token, grant);
    return grant;
  }

  issueRefresh(person: WebexPerson, scopes: Iterable<string>, clientId: string): Grant {
    const seconds = this.options.refreshTokenSeconds ?? REFRESH_TOKEN_SECONDS;
    const grant: Grant = { token: newOpaqueToken(person.orgUuid), person, scopes: new Set(scopes), clientId, expiresAtMs: this.now() + seconds * 1000 };
    this.refresh.set(grant.token, grant);
    return grant;
  }

  issueCode(person: WebexPerson, scopes: Iterable<string>, clientId: string, redirectUri: string): CodeGrant {
    const grant: CodeGrant = { token: newAuthorizationCode(), person, scopes: new Set(scopes), clientId, redirectUri, expiresAtMs: this.now() + CODE_SECONDS * 1000 };
    this.codes.set(grant.token, grant);
    return grant;
  }

  /** Takes a code out of the store: a code works once. */
  redeemCode(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAtMs > this.now() ? grant : undefined;
  }

  /** The live refresh grant for `token`, its lifetime restarted when sliding. */
  useRefresh(token: string): Grant | undefined {
    const grant = this.refresh.get(token);
    if (!grant || grant.expiresAtMs <= this.now()) return undefined;
    if (this.options.slidingRefresh ?? true) {
      grant.expiresAtMs = this.now() + (this.options.refreshTokenSeconds ?? REFRESH_TOKEN_SECONDS) * 1000;
    }
    return grant;
  }

  lookupAccess(token: string | undefined): AccessLookup {
    if (!token) return { ok: false, reason: "missing" };
    const grant = this.access.get(token);
    if (!grant) return { ok: false, reason: "unknown" };
    if (grant.expiresAtMs <= this.now()) return { ok: false, reason: "expired" };
    return { ok: true, grant };
  }

  /** Revokes an access or refresh token; true when it existed. */
  revoke(token: string): boolean {
    return this.access.delete(token) || this.refresh.delete(token);
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
  }
}

/**
 * Checks the bearer token and that it carries one of `anyOf`; answers 401/403 itself and
 * returns undefined when the call must stop.
 */
export function authenticate(tokens: TokenStore, req: SandboxRequest, res: ServerResponse, anyOf: readonly string[]): Grant | undefined {
  const found = tokens.lookupAccess(bearerToken(req));
  if (!found.ok) {
    sendWebexError(res, 401, MESSAGES.unauthorized);
    return undefined;
  }
  if (!anyOf.some((s) => found.grant.scopes.has(s))) {
    sendWebexError(res, 403, MESSAGES.forbidden, [`The access token needs one of these scopes: ${anyOf.join(", ")}.`]);
    return undefined;
  }
  return found.grant;
}
