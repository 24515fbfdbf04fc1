// Contract: the botbuilder Storage adapter behaves like botbuilder's own MemoryStorage.
import { MemoryStorage, type Storage, type StoreItems } from "botbuilder";
import type { ContractTarget } from "./harness";
import { useStoreFixture } from "./harness";

type Outcome = { ok: true; items?: StoreItems } | { ok: false; message: string };

/** Runs a step and records what a caller would observe, with eTags reduced to "present". */
async function observe(step: () => Promise<StoreItems | void>): Promise<Outcome> {
  try {
    const items = await step();
    if (!items) return { ok: true };
    const normalised: StoreItems = {};
    for (const [key, item] of Object.entries(items)) {
      normalised[key] = { ...item, eTag: typeof item.eTag === "string" && item.eTag !== "" ? "present" : item.eTag };
    }
    return { ok: true, items: normalised };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function describeBotStorageContract(target: ContractTarget): void {
  const f = useStoreFixture(target);

  test("reads back what was written, with an eTag, and nothing for unknown keys", async () => {
    const storage = f.store.botStorage;
    expect(await storage.read(["conv/1"])).toEqual({});
    await storage.write({ "conv/1": { dialogStack: [{ id: "schedule" }], locale: "sv-SE" } });
    const items = await storage.read(["conv/1", "conv/unknown"]);
    expect(Object.keys(items)).toEqual(["conv/1"]);
    expect(items["conv/1"]).toEqual({ dialogStack: [{ id: "schedule" }], locale: "sv-SE", eTag: expect.any(String) });
  });

  test("a write with a stale eTag is refused and changes nothing, not even the other keys", async () => {
    const storage = f.store.botStorage;
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const first = await storage.read(["a", "b"]);
    await storage.write({ a: { ...first.a, n: 2 } });

    await expect(storage.write({ b: { ...first.b, n: 3 }, a: { ...first.a, n: 3 } })).rejects.toThrow(
      'Storage: error writing "a" due to eTag conflict.',
    );
    const after = await storage.read(["a", "b"]);
    expect([after.a.n, after.b.n]).toEqual([2, 1]);
    expect(after.b.eTag).toBe(first.b.eTag);

    await storage.write({ a: { ...after.a, n: 4 } });
    await storage.write({ a: { n: 5, eTag: "*" } });
    expect((await storage.read(["a"])).a.n).toBe(5);
  });

  test("two handles racing to update the same item: exactly one write succeeds", async () => {
    const other = await f.openAnother();
    await f.store.botStorage.write({ conv: { turn: 0 } });
    const seen = (await f.store.botStorage.read(["conv"])).conv;
    const results = await Promise.allSettled([
      f.store.botStorage.write({ conv: { ...seen, turn: 1 } }),
      other.botStorage.write({ conv: { ...seen, turn: 2 } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  test("matches botbuilder's MemoryStorage step by step", async () => {
    const memory: Storage = new MemoryStorage();
    const ours = f.store.botStorage;
    const script: ((s: Storage, etags: Map<string, string>) => Promise<StoreItems | void>)[] = [
      (s) => s.read(["x"]),
      (s) => s.write({ x: { v: 1, nested: { list: [1, "two", null] } } }),
      async (s, etags) => {
        const items = await s.read(["x", "missing"]);
        etags.set("x", items.x.eTag);
        return items;
      },
      (s) => s.write({ x: { v: 2, eTag: "not-the-current-etag" } }),
      (s, etags) => s.write({ x: { v: 3, eTag: etags.get("x") } }),
      (s, etags) => s.write({ x: { v: 4, eTag: etags.get("x") } }),
      (s) => s.write({ x: { v: 5, eTag: "*" } }),
      (s) => s.write({ fresh: { v: 1, eTag: "made-up" } }),
      (s) => s.write({ x: { v: 6, skipped: undefined } }),
      (s) => s.read(["x", "fresh"]),
      (s) => s.delete(["x", "never-written"]),
      (s) => s.read(["x", "fresh"]),
    ];
    const memoryEtags = new Map<string, string>();
    const ourEtags = new Map<string, string>();
    for (const [i, step] of script.entries()) {
      const expected = await observe(() => step(memory, memoryEtags));
      const actual = await observe(() => step(ours, ourEtags));
      expect({ step: i, ...actual }).toEqual({ step: i, ...expected });
    }
  });
}
