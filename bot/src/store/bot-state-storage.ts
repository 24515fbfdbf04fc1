// botbuilder Storage over the store's key/value table, with the semantics of botbuilder-core's
// MemoryStorage (lib/memoryStorage.js): items are JSON-cloned; read() adds the stored eTag; a
// write whose eTag is missing, empty or "*" — or whose key does not exist yet — is
// unconditional; otherwise the eTag must match or the write fails with
// `Storage: error writing "<key>" due to eTag conflict.`
// One difference, on purpose: a multi-key write is all-or-nothing here (MemoryStorage keeps the
// items before the conflicting one), so state never ends up half-saved.
import type { Storage, StoreItems } from "botbuilder";
import type { KeyValueWrite } from "./records";
import type { KeyValueRepo } from "./types";

export function createBotStorage(keyValues: KeyValueRepo): Storage {
  return {
    async read(keys: string[]): Promise<StoreItems> {
      if (!keys) throw new ReferenceError("Keys are required when reading.");
      const found = await keyValues.getMany([...new Set(keys)]);
      const items: StoreItems = {};
      for (const [key, entry] of found) items[key] = { ...asObject(entry.value), eTag: entry.etag };
      return items;
    },

    async write(changes: StoreItems): Promise<void> {
      if (!changes) throw new ReferenceError("Changes are required when writing.");
      const writes = Object.entries(changes).map(([key, item]): KeyValueWrite => {
        const { eTag, ...value } = asObject(item);
        const ifMatch = typeof eTag === "string" && eTag !== "" ? eTag : undefined;
        return { key, value, ifMatch };
      });
      await keyValues.putMany(writes);
    },

    async delete(keys: string[]): Promise<void> {
      await keyValues.deleteMany([...new Set(keys)]);
    },
  };
}

// MemoryStorage clones with Object.assign({}, item): anything that is not an object becomes {}.
function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return { ...(value as Record<string, unknown>) };
}
