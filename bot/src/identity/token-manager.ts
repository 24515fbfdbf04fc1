import { TOKEN_KINDS, type TokenKind, type TokenOwner } from "../store/records";
import { TokenAcquisitionError, type AccessTokenProvider } from "./token-provider";
import { tokenSetSchema, type TokenSet, type TokenVault } from "./token-vault";

/**
 * The one token manager for Graph (app and user) and Webex (user and service) tokens. Persistence
 * (the vault) and the grants (refresh per kind, supplied by the gateways) are injected; this file
 * only decides *when* to renew and what to keep:
 * - the stored access token is used until it is within `refreshMarginMs` of its absolute expiry;
 * - concurrent callers for one (owner, kind) share one in-flight renewal;
 * - a provider that returns no refresh token leaves the old one in place;
 * - a rejected refresh token (invalid_grant) deletes the record and asks for re-authentication,
 *   while transient failures leave the record for the next attempt.
 * In-flight sharing is per process; several instances may each refresh once, which OAuth allows.
 * Modelled on cal.com's OAuthManager.
 */

export interface RenewalContext {
  owner: TokenOwner;
  kind: TokenKind;
}

/** Redeems `tokenSet.refreshToken` (msal / Webex access_token endpoint). Absolute expiresAt. */
export type RefreshTokens = (tokenSet: TokenSet, context: RenewalContext) => Promise<TokenSet>;
/** Obtains tokens with no stored grant, e.g. Graph client credentials for `graph-app`. */
export type AcquireTokens = (context: RenewalContext) => Promise<TokenSet>;
/** Tells the provider to revoke tokens being forgotten (best effort). */
export type RevokeRemote = (tokenSet: TokenSet, context: RenewalContext) => Promise<void>;

/** Structural subset of a pino logger. */
export interface TokenManagerLogger {
  warn(obj: object, msg?: string): void;
}

export interface TokenManagerOptions {
  vault: Pick<TokenVault, "get" | "put" | "delete" | "deleteOwner">;
  /** Per kind: how to redeem a refresh token. */
  refresh?: Partial<Record<TokenKind, RefreshTokens>>;
  /** Per kind: how to get tokens without a refresh token (app-only grants). */
  acquire?: Partial<Record<TokenKind, AcquireTokens>>;
  revokeRemote?: RevokeRemote;
  /** Default: the refresh token was rejected (OAuth `invalid_grant`); see isRejectedGrant. */
  isRejectedGrant?: (error: unknown) => boolean;
  now?: () => Date;
  /** Renew this long before expiry. Default 5 minutes. */
  refreshMarginMs?: number;
  logger?: TokenManagerLogger;
}

export interface RevokeResult {
  /** How many stored records were removed. */
  removed: number;
  /** Kinds whose remote revocation failed (already forgotten locally). */
  remoteFailed: TokenKind[];
}

export interface TokenManager {
  /**
   * A current access token, renewed first when needed. Throws ReauthenticationRequiredError (show
   * a connect card), TokenRefreshError (transient; retry later) or TokenVaultError (the stored
   * record cannot be opened: a key configuration problem, so the record is left alone).
   */
  getAccessToken(owner: TokenOwner, kind: TokenKind): Promise<string>;
  /** Stores tokens from a fresh authorization (OAuth callback); supersedes an in-flight renewal. */
  saveTokens(owner: TokenOwner, kind: TokenKind, tokenSet: TokenSet): Promise<void>;
  /** Forgets one kind, or every kind, of an owner's tokens. */
  revoke(owner: TokenOwner, kind?: TokenKind): Promise<RevokeResult>;
  providerFor(owner: TokenOwner, kind: TokenKind): AccessTokenProvider;
}

export type ReauthenticationReason = "not-connected" | "grant-rejected" | "expired" | "revoked";

/** The user (or admin) must authorize again; the bot answers with a connect card. */
export class ReauthenticationRequiredError extends TokenAcquisitionError {
  constructor(
    readonly owner: TokenOwner,
    readonly kind: TokenKind,
    readonly reason: ReauthenticationReason,
    options?: { cause?: unknown },
  ) {
    super(`${kind} tokens for ${describeOwner(owner)} need a new authorization (${REASONS[reason]})`, detailsOf(options?.cause), options);
    this.name = "ReauthenticationRequiredError";
  }
}

/** Renewal failed for a reason that may pass (network, 5xx, throttling); the record is kept. */
export class TokenRefreshError extends TokenAcquisitionError {
  constructor(
    readonly owner: TokenOwner,
    readonly kind: TokenKind,
    options: { cause: unknown },
  ) {
    super(`could not renew ${kind} tokens for ${describeOwner(owner)}: ${messageOf(options.cause)}`, detailsOf(options.cause), options);
    this.name = "TokenRefreshError";
  }
}

const REASONS: Record<ReauthenticationReason, string> = {
  "not-connected": "nothing is stored",
  "grant-rejected": "the refresh token was rejected",
  expired: "the token expired and cannot be renewed",
  revoked: "the tokens were revoked during renewal",
};

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

interface RenewalState {
  /** Set by saveTokens/revoke: the renewal must not write its result over theirs. */
  superseded: boolean;
}

interface InFlight {
  promise: Promise<TokenSet>;
  state: RenewalState;
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { vault } = options;
  const now = options.now ?? (() => new Date());
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const rejected = options.isRejectedGrant ?? isRejectedGrant;
  const inFlight = new Map<string, InFlight>();

  const fresh = (t: TokenSet) => Date.parse(t.expiresAt) - now().getTime() > margin;

  function supersede(owner: TokenOwner, kinds: readonly TokenKind[]): void {
    for (const kind of kinds) {
      const key = keyOf(owner, kind);
      const entry = inFlight.get(key);
      if (entry === undefined) continue;
      entry.state.superseded = true;
      inFlight.delete(key);
    }
  }

  /** Runs only while holding the (owner, kind) slot in `inFlight`. */
  async function renew(owner: TokenOwner, kind: TokenKind, state: RenewalState): Promise<TokenSet> {
    const context = { owner, kind };
    // Re-read: a renewal that settled while this caller was reading may already have done the work.
    const stored = await vault.get(owner, kind);
    if (stored !== undefined && fresh(stored)) return stored;
    const refresh = options.refresh?.[kind];
    const acquire = options.acquire?.[kind];
    let renewed: TokenSet;
    if (stored?.refreshToken !== undefined && refresh !== undefined) {
      try {
        renewed = keepRefreshToken(stored, await refresh(stored, context));
      } catch (error) {
        if (!rejected(error)) throw new TokenRefreshError(owner, kind, { cause: error });
        if (!state.superseded) await vault.delete(owner, kind);
        throw new ReauthenticationRequiredError(owner, kind, "grant-rejected", { cause: error });
      }
    } else if (acquire !== undefined) {
      try {
        renewed = await acquire(context);
      } catch (error) {
        throw new TokenRefreshError(owner, kind, { cause: error });
      }
    } else if (stored === undefined) {
      throw new ReauthenticationRequiredError(owner, kind, "not-connected");
    } else if (Date.parse(stored.expiresAt) > now().getTime()) {
      return stored; // inside the margin but nothing can renew it: use it while it lasts
    } else {
      if (!state.superseded) await vault.delete(owner, kind);
      throw new ReauthenticationRequiredError(owner, kind, "expired");
    }
    const checked = tokenSetSchema.safeParse(renewed);
    if (!checked.success) {
      throw new TokenRefreshError(owner, kind, { cause: new TypeError("the renewal returned an invalid token set") });
    }
    // saveTokens or revoke ran meanwhile: theirs wins; answer from what is stored now.
    if (state.superseded) return readAfterSupersede(owner, kind);
    await vault.put(owner, kind, checked.data);
    return checked.data;
  }

  async function readAfterSupersede(owner: TokenOwner, kind: TokenKind): Promise<TokenSet> {
    const stored = await vault.get(owner, kind);
    if (stored === undefined) throw new ReauthenticationRequiredError(owner, kind, "revoked");
    return stored;
  }

  function shared(owner: TokenOwner, kind: TokenKind): Promise<TokenSet> {
    const key = keyOf(owner, kind);
    const existing = inFlight.get(key);
    if (existing !== undefined) return existing.promise;
    const state: RenewalState = { superseded: false };
    const promise = renew(owner, kind, state).finally(() => {
      if (inFlight.get(key)?.state === state) inFlight.delete(key);
    });
    inFlight.set(key, { promise, state });
    return promise;
  }

  const manager: TokenManager = {
    async getAccessToken(owner, kind) {
      const pending = inFlight.get(keyOf(owner, kind));
      if (pending !== undefined) return (await pending.promise).accessToken;
      const stored = await vault.get(owner, kind);
      if (stored !== undefined && fresh(stored)) return stored.accessToken;
      return (await shared(owner, kind)).accessToken;
    },

    async saveTokens(owner, kind, tokenSet) {
      supersede(owner, [kind]);
      await vault.put(owner, kind, tokenSet);
    },

    async revoke(owner, kind) {
      const kinds = kind === undefined ? TOKEN_KINDS : [kind];
      supersede(owner, kinds);
      const toRevoke: { kind: TokenKind; tokenSet: TokenSet }[] = [];
      if (options.revokeRemote !== undefined) {
        for (const k of kinds) {
          try {
            const tokenSet = await vault.get(owner, k);
            if (tokenSet !== undefined) toRevoke.push({ kind: k, tokenSet });
          } catch (error) {
            // Unreadable (e.g. its key was removed): nothing to send upstream, but still forget it.
            options.logger?.warn({ kind: k, tenantId: owner.tenantId, userId: owner.userId, err: errorSummary(error) }, "token record unreadable; revoking locally only");
          }
        }
      }
      // Forget locally first: signing out must work even when the provider is unreachable.
      const removed = kind === undefined ? await vault.deleteOwner(owner) : Number(await vault.delete(owner, kind));
      const remoteFailed: TokenKind[] = [];
      for (const item of toRevoke) {
        try {
          await options.revokeRemote?.(item.tokenSet, { owner, kind: item.kind });
        } catch (error) {
          remoteFailed.push(item.kind);
          options.logger?.warn({ kind: item.kind, tenantId: owner.tenantId, userId: owner.userId, err: errorSummary(error) }, "remote token revocation failed");
        }
      }
      return { removed, remoteFailed };
    },

    providerFor(owner, kind) {
      return { getAccessToken: () => manager.getAccessToken(owner, kind) };
    },
  };
  return manager;
}

/** Fills in what a refresh response may leave out: the refresh token (and its expiry), scopes. */
export function keepRefreshToken(previous: TokenSet, renewed: TokenSet): TokenSet {
  const merged: TokenSet = { ...renewed, scopes: renewed.scopes.length > 0 ? renewed.scopes : previous.scopes };
  if (renewed.refreshToken === undefined && previous.refreshToken !== undefined) {
    merged.refreshToken = previous.refreshToken;
    if (previous.refreshTokenExpiresAt !== undefined) merged.refreshTokenExpiresAt = previous.refreshTokenExpiresAt;
  }
  return merged;
}

/** OAuth `expires_in` (seconds, relative) → the absolute ISO instant a TokenSet stores. */
export function absoluteExpiry(now: Date, expiresInSeconds: number): string {
  return new Date(now.getTime() + expiresInSeconds * 1000).toISOString();
}

/**
 * True when a refresh failed because the grant itself is dead (revoked, expired, password
 * changed): OAuth's `invalid_grant` as msal-node (`errorCode`), our TokenAcquisitionError
 * (`details.error`) or a raw token-endpoint body (`error`) report it. Gateways whose provider
 * says it differently (Webex answers 400 with a message) throw a TokenAcquisitionError with
 * details.error = "invalid_grant".
 */
export function isRejectedGrant(error: unknown): boolean {
  if (error instanceof ReauthenticationRequiredError) return true;
  if (typeof error !== "object" || error === null) return false;
  const e = error as { errorCode?: unknown; error?: unknown; code?: unknown; details?: { error?: unknown } };
  return [e.errorCode, e.error, e.code, e.details?.error].includes("invalid_grant");
}

function keyOf(owner: TokenOwner, kind: TokenKind): string {
  return JSON.stringify([kind, owner.tenantId, owner.userId ?? null]);
}

function describeOwner(owner: TokenOwner): string {
  return owner.userId === undefined ? `tenant ${owner.tenantId}` : `user ${owner.userId} in tenant ${owner.tenantId}`;
}

function detailsOf(cause: unknown): TokenAcquisitionError["details"] {
  return cause instanceof TokenAcquisitionError ? cause.details : {};
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: "unknown", message: String(error) };
}
