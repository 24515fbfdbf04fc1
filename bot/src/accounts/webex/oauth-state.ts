import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { ETagConflictError } from "../../store/errors";
import type { KeyValueRepo } from "../../store/types";

/**
 * The OAuth `state` of a Webex connect link: 32 random bytes (base64url) that stand for one
 * (tenant, user, locale) for ten minutes and can be redeemed once. Kept in the store's key/value
 * table so any instance can finish a flow another one started. The key is a SHA-256 of the state,
 * so a database reader cannot turn rows back into working links. KeyValueRepo cannot list, so a
 * row is removed only when its own key is read after expiry (+ grace); abandoned links leave a
 * small row behind.
 */

export const STATE_LIFETIME_MS = 10 * 60 * 1000;
const TOMBSTONE_GRACE_MS = 10 * 60 * 1000;
const KEY_PREFIX = "webex-oauth-state/";

const StateRecord = z.object({
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  locale: z.string().optional(),
  expiresAt: z.iso.datetime({ offset: true }),
  /** Set by consume(); the row stays as a tombstone so a late concurrent claim still conflicts. */
  consumed: z.boolean().optional(),
});
export type StateRecord = z.infer<typeof StateRecord>;

export interface PendingConnection {
  tenantId: string;
  userId: string;
  locale?: string;
}

export interface OAuthStates {
  /** A fresh state for this user; only the returned text can redeem it. */
  create(pending: PendingConnection): Promise<string>;
  /** The connection a live state stands for, without using it up (the start redirect). */
  peek(state: string): Promise<PendingConnection | undefined>;
  /** Uses the state up: of two concurrent callers at most one gets the connection. */
  consume(state: string): Promise<PendingConnection | undefined>;
}

export function createOAuthStates(keyValues: KeyValueRepo, now: () => Date): OAuthStates {
  const keyOf = (state: string) => KEY_PREFIX + createHash("sha256").update(state, "utf8").digest("hex");

  async function read(state: string): Promise<{ key: string; etag: string; record: StateRecord } | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(state)) return undefined; // not one of ours: no store round trip
    const key = keyOf(state);
    const entry = (await keyValues.getMany([key])).get(key);
    if (entry === undefined) return undefined;
    const parsed = StateRecord.safeParse(entry.value);
    const expiresAt = parsed.success ? Date.parse(parsed.data.expiresAt) : 0;
    // The row outlives the state by a grace period: the key/value store inserts a conditional
    // write whose key is gone, so deleting a tombstone early would let a stalled racer win.
    if (expiresAt + TOMBSTONE_GRACE_MS <= now().getTime()) await keyValues.deleteMany([key]);
    if (!parsed.success || parsed.data.consumed === true || expiresAt <= now().getTime()) return undefined;
    return { key, etag: entry.etag, record: parsed.data };
  }

  const pendingOf = (r: StateRecord): PendingConnection => ({ tenantId: r.tenantId, userId: r.userId, ...(r.locale === undefined ? {} : { locale: r.locale }) });

  return {
    async create(pending) {
      const state = randomBytes(32).toString("base64url");
      const record: StateRecord = { ...pending, expiresAt: new Date(now().getTime() + STATE_LIFETIME_MS).toISOString() };
      await keyValues.putMany([{ key: keyOf(state), value: record }]);
      return state;
    },

    async peek(state) {
      const found = await read(state);
      return found === undefined ? undefined : pendingOf(found.record);
    },

    async consume(state) {
      const found = await read(state);
      if (found === undefined) return undefined;
      try {
        // The etag-guarded write is the claim: a concurrent consumer's write conflicts here.
        await keyValues.putMany([{ key: found.key, value: { ...found.record, consumed: true }, ifMatch: found.etag }]);
      } catch (error) {
        if (error instanceof ETagConflictError) return undefined;
        throw error;
      }
      return pendingOf(found.record);
    },
  };
}
