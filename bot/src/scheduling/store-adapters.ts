/**
 * The store's key/value table seen as the scheduling ScratchPort. Typed structurally (the domain
 * does not import the store); index.ts passes `store.keyValues`. Keys get their own prefix because
 * the same table holds botbuilder's conversation and user state.
 */
import type { ScratchPort } from "./ports";

/** Structural subset of store.keyValues (KeyValueRepo). */
export interface KeyValuesLike {
  getMany(keys: readonly string[]): Promise<Map<string, { value: unknown }>>;
  putMany(writes: readonly { key: string; value: unknown }[]): Promise<unknown>;
  deleteMany(keys: readonly string[]): Promise<void>;
}

export const SCRATCH_KEY_PREFIX = "scheduling/scratch/";

export function scratchFromKeyValues(keyValues: KeyValuesLike, prefix = SCRATCH_KEY_PREFIX): ScratchPort {
  return {
    async get(key) {
      const found = await keyValues.getMany([prefix + key]);
      return found.get(prefix + key)?.value;
    },
    async set(key, value) {
      // Unconditional write: one attempt owns the key at a time (the idempotency claim).
      await keyValues.putMany([{ key: prefix + key, value }]);
    },
    async delete(key) {
      await keyValues.deleteMany([prefix + key]);
    },
  };
}
