/**
 * Directory look-ahead from a copy of the tenant's users kept in memory and refreshed with Graph's
 * delta query, instead of one Graph search per typed name. Why: a draft card should not wait on
 * Graph for names it has seen before (tens to hundreds of ms per search, throttled per tenant),
 * and delta query is how Microsoft asks apps that read a directory repeatedly to do it.
 *
 * - Only what look-ahead reads is kept (people-index.ts), only in memory: a restart reads the
 *   directory again, nothing is written to disk.
 * - Nothing waits for the copy, and it never answers older than `refreshAfterMs`: until the first
 *   round has completed, while a copy that has grown older is being refreshed (in the background,
 *   started by the look-up that found it old), and whenever the copy finds nobody for a name
 *   (someone hired since the last round), the live Graph search answers. So a quiet night does
 *   not leave a departed colleague in the morning's suggestions.
 * - A failed round is logged and retried after `retryAfterMs`, the live search answering in the
 *   meantime. An expired delta link, or three failed rounds in a row, start over with a full round.
 * - The names go with the permission: a round Graph refuses (401/403: consent withdrawn, the tenant
 *   left tenant mode) drops the tenant's copy, and so do seven days without a look-up.
 * - Known limit: when the copy finds somebody, Graph is not asked, so a namesake hired since the
 *   last round (at most `refreshAfterMs` ago) is not offered until the next one.
 */
import type { InviteePorts } from "../invitees/ports";
import { PeopleIndex, type UserChange } from "./people-index";

/** One delta round from Graph: from the start, or from the link the previous round returned. */
export interface UserDeltaSource {
  read(from?: string): Promise<{ changes: UserChange[]; deltaLink: string }>;
}

/** The source's way of saying "that link has expired: start again" (graph/users-delta.ts). */
export const isDeltaExpired = (error: unknown): boolean => (error as { name?: string } | undefined)?.name === "DeltaExpiredError";

export interface DirectoryMirrorOptions {
  /** A copy older than this no longer answers; the look-up that finds it so starts a refresh. */
  refreshAfterMs: number;
  /** After a failed round, the next attempt waits this long. */
  retryAfterMs: number;
  now?: () => number;
  onRoundFailed?: (tenantId: string, error: unknown) => void;
  onRound?: (tenantId: string, round: { full: boolean; changes: number; users: number }) => void;
}

export interface DirectoryMirror {
  /** The invitee ports with people search answered from the copy where it can be. */
  inviteePorts(tenantId: string, live: InviteePorts, source: UserDeltaSource): InviteePorts;
  /** Resolves when no round is running for the tenant (tests and benchmarks wait for the copy). */
  settled(tenantId: string): Promise<void>;
  /** How many users the tenant's copy holds; undefined before its first round completed. */
  size(tenantId: string): number | undefined;
  /** Resolves when no round runs for any tenant, or after `timeoutMs` (default 2 s) — for shutdown. */
  idle(timeoutMs?: number): Promise<void>;
}

interface TenantCopy {
  index: PeopleIndex | undefined;
  deltaLink: string | undefined;
  /** When the round behind the copy started: the copy is at least this current. */
  syncedAt: number;
  running: Promise<void> | undefined;
  retryAt: number;
  /** Rounds failed in a row; after a few, the next one reads everything again. */
  failures: number;
  lastUsedAt: number;
}

/** After this many failed rounds in a row the delta link is given up and the next round is full. */
const FAILURES_BEFORE_FULL_ROUND = 3;
/** A tenant nobody looked anyone up in for this long loses its copy (Graph's delta links last 7 days). */
const UNUSED_COPY_MS = 7 * 24 * 60 * 60 * 1000;

/** Graph refused the round for lack of permission: the tenant left tenant mode or revoked consent. */
const isRefused = (error: unknown): boolean => {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 401 || status === 403;
};

/** A hook that throws must not turn a finished round into a failed one, nor crash the process. */
function safely(hook: () => void): void {
  try {
    hook();
  } catch {
    // the hooks only log; there is nothing better to do with a logger that throws
  }
}

export function createDirectoryMirror(options: DirectoryMirrorOptions): DirectoryMirror {
  const now = options.now ?? Date.now;
  const tenants = new Map<string, TenantCopy>();

  const copyOf = (tenantId: string): TenantCopy => {
    let copy = tenants.get(tenantId);
    if (!copy) {
      copy = { index: undefined, deltaLink: undefined, syncedAt: 0, running: undefined, retryAt: 0, failures: 0, lastUsedAt: now() };
      tenants.set(tenantId, copy);
    }
    return copy;
  };

  const runRound = async (tenantId: string, copy: TenantCopy, source: UserDeltaSource): Promise<void> => {
    const startedAt = now();
    let full = copy.index === undefined || copy.deltaLink === undefined || copy.failures >= FAILURES_BEFORE_FULL_ROUND;
    let round;
    try {
      round = await source.read(full ? undefined : copy.deltaLink);
    } catch (error) {
      if (full || !isDeltaExpired(error)) throw error;
      full = true;
      round = await source.read(undefined);
    }
    // A full round replaces the copy only once it is complete: users missing from it are gone.
    const index = full ? new PeopleIndex() : copy.index!;
    index.apply(round.changes);
    index.prepare();
    copy.index = index;
    copy.deltaLink = round.deltaLink;
    copy.syncedAt = startedAt;
    copy.failures = 0;
    safely(() => options.onRound?.(tenantId, { full, changes: round.changes.length, users: index.size }));
  };

  const dropUnused = (): void => {
    for (const [tenantId, copy] of tenants) if (!copy.running && now() - copy.lastUsedAt > UNUSED_COPY_MS) tenants.delete(tenantId);
  };

  const refresh = (tenantId: string, copy: TenantCopy, source: UserDeltaSource): void => {
    if (copy.running || now() < copy.retryAt) return;
    copy.running = runRound(tenantId, copy, source)
      .catch((error: unknown) => {
        copy.retryAt = now() + options.retryAfterMs;
        copy.failures++;
        // Without the permission the copy must not outlive it: the names go with the consent.
        if (isRefused(error)) tenants.delete(tenantId);
        safely(() => options.onRoundFailed?.(tenantId, error));
      })
      .finally(() => {
        copy.running = undefined;
      });
  };

  return {
    inviteePorts(tenantId, live, source) {
      return {
        ...live,
        async searchPeople(query, limit) {
          const copy = copyOf(tenantId);
          copy.lastUsedAt = now();
          dropUnused();
          const fresh = copy.index !== undefined && now() - copy.syncedAt < options.refreshAfterMs;
          if (!fresh) refresh(tenantId, copy, source);
          const found = fresh ? copy.index!.search(query, limit) : [];
          return found.length > 0 ? found : live.searchPeople(query, limit);
        },
      };
    },

    async settled(tenantId) {
      await tenants.get(tenantId)?.running;
    },

    size(tenantId) {
      return tenants.get(tenantId)?.index?.size;
    },

    async idle(timeoutMs = 2000) {
      // The copy is only memory: a round cut short by shutdown loses nothing, so wait only a little.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.all([...tenants.values()].map((copy) => copy.running)), timeout]);
      clearTimeout(timer);
    },
  };
}
