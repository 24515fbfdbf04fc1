// Contract: the durable job queue (graphile-worker semantics, see src/store/repos/jobs.ts).
import type { ContractTarget } from "./harness";
import { useStoreFixture } from "./harness";

const STALE_LOCK_MS = 5 * 60_000;

export function describeJobsContract(target: ContractTarget): void {
  const f = useStoreFixture(target);

  test("a claimed job is locked to its worker and carries its payload", async () => {
    const { jobs } = f.store;
    const queued = await jobs.enqueue({ kind: "sync", payload: { subscriptionId: "s1", n: [1, 2] } });
    expect(queued).toMatchObject({ state: "queued", attempts: 0, maxAttempts: 10, key: null, runAt: f.clock.now() });

    const [claimed, ...rest] = await jobs.claim("worker-a", { limit: 5 });
    expect(rest).toEqual([]);
    expect(claimed).toMatchObject({
      id: queued.id,
      payload: { subscriptionId: "s1", n: [1, 2] },
      state: "running",
      attempts: 1,
      lockedBy: "worker-a",
      lockedAt: f.clock.now(),
    });
    expect(await jobs.claim("worker-b")).toEqual([]);
  });

  test("a job is not claimed before its runAt, and claims respect the kinds asked for", async () => {
    const { jobs } = f.store;
    await jobs.enqueue({ kind: "renew", payload: {}, runAt: f.clock.plus(60_000) });
    await jobs.enqueue({ kind: "sync", payload: { n: 1 } });
    expect(await jobs.claim("w", { kinds: ["renew"] })).toEqual([]);
    expect(await jobs.claim("w", { kinds: [] })).toEqual([]);
    f.clock.advance(60_000);
    expect((await jobs.claim("w", { kinds: ["renew", "lifecycle"] })).map((j) => j.kind)).toEqual(["renew"]);
    expect((await jobs.claim("w", { kinds: ["sync"] })).map((j) => j.kind)).toEqual(["sync"]);
  });

  test("enqueueing with the key of a waiting job replaces it instead of adding a second", async () => {
    const { jobs } = f.store;
    const first = await jobs.enqueue({ kind: "sync", payload: { v: 1 }, key: "sub:s1", runAt: f.clock.plus(5_000) });
    const runAt = f.clock.plus(1_000);
    const second = await jobs.enqueue({ kind: "sync", payload: { v: 2 }, key: "sub:s1", runAt, maxAttempts: 3 });
    expect(second).toMatchObject({ id: first.id, payload: { v: 2 }, runAt, maxAttempts: 3, key: "sub:s1" });
    expect(await jobs.list()).toHaveLength(1);
    await jobs.enqueue({ kind: "sync", payload: { v: 3 }, key: "sub:s2" });
    expect(await jobs.list()).toHaveLength(2);
  });

  test("enqueueing the key of a running job adds a new job; the running one loses the key", async () => {
    const { jobs } = f.store;
    await jobs.enqueue({ kind: "sync", payload: { v: 1 }, key: "sub:s1" });
    const [running] = await jobs.claim("worker-a");
    const fresh = await jobs.enqueue({ kind: "sync", payload: { v: 2 }, key: "sub:s1" });
    expect(fresh.id).not.toBe(running?.id);
    expect(await jobs.get(running?.id ?? 0)).toMatchObject({ key: null, state: "running" });
    expect(await jobs.claim("worker-b")).toMatchObject([{ id: fresh.id, payload: { v: 2 } }]);
    expect(await jobs.complete(running?.id ?? 0, "worker-a")).toBe(true);
  });

  test("two workers claiming at the same time never get the same job", async () => {
    const other = await f.openAnother();
    const ids = new Set<number>();
    for (let i = 0; i < 40; i++) ids.add((await f.store.jobs.enqueue({ kind: "sync", payload: { i } })).id);

    const drain = async (store: typeof other, worker: string) => {
      const got: number[] = [];
      for (;;) {
        const batch = await store.jobs.claim(worker, { limit: 3 });
        if (batch.length === 0) return got;
        got.push(...batch.map((j) => j.id));
      }
    };
    const [a, b, c] = await Promise.all([drain(f.store, "worker-a"), drain(other, "worker-b"), drain(other, "worker-c")]);
    const all = [...a, ...b, ...c];
    expect(all).toHaveLength(40);
    expect(new Set(all)).toEqual(ids);
  });

  test("only the worker holding the lock can complete or fail a job", async () => {
    const { jobs } = f.store;
    const job = await jobs.enqueue({ kind: "sync", payload: {} });
    await jobs.claim("worker-a");
    expect(await jobs.complete(job.id, "worker-b")).toBe(false);
    expect(await jobs.fail(job.id, "worker-b", new Error("not mine"))).toBeUndefined();
    expect(await jobs.get(job.id)).toMatchObject({ state: "running", lockedBy: "worker-a", lastError: null });
    expect(await jobs.complete(job.id, "worker-a")).toBe(true);
    expect(await jobs.get(job.id)).toBeUndefined();
    expect(await jobs.complete(job.id, "worker-a")).toBe(false);
  });

  test("a failed job backs off exponentially up to the cap, then is kept as dead", async () => {
    const store = await f.reopen({ jobs: { backoffCapMs: 5_000 } });
    const job = await store.jobs.enqueue({ kind: "sync", payload: {}, maxAttempts: 4 });
    const expectedDelays = [2_000, 4_000, 5_000];
    for (const delay of expectedDelays) {
      await store.jobs.claim("w");
      const failed = await store.jobs.fail(job.id, "w", new Error("Graph said 503", { cause: new Error("socket hang up") }));
      expect(failed).toMatchObject({ state: "queued", runAt: f.clock.plus(delay), lockedBy: null });
      f.clock.advance(delay - 1);
      expect(await store.jobs.claim("w")).toEqual([]);
      f.clock.advance(1);
    }
    await store.jobs.claim("w");
    const dead = await store.jobs.fail(job.id, "w", "still failing");
    expect(dead).toMatchObject({ state: "dead", attempts: 4, deadAt: f.clock.now(), lastError: "still failing" });
    f.clock.advance(24 * 3_600_000);
    expect(await store.jobs.claim("w")).toEqual([]);
    expect((await store.jobs.list({ state: "dead" })).map((j) => j.id)).toEqual([job.id]);

    expect(await store.jobs.retryDead(job.id)).toBe(true);
    expect(await store.jobs.claim("w")).toMatchObject([{ id: job.id, attempts: 1 }]);
  });

  test("the error recorded for a failure includes its causes", async () => {
    const job = await f.store.jobs.enqueue({ kind: "sync", payload: {} });
    await f.store.jobs.claim("w");
    const failed = await f.store.jobs.fail(job.id, "w", new TypeError("bad payload", { cause: new Error("field x") }));
    expect(failed?.lastError).toBe("TypeError: bad payload <- caused by Error: field x");
  });

  test("a crashed worker's job is reclaimed after the stale-lock timeout, and its late completion is refused", async () => {
    const { jobs } = f.store;
    const job = await jobs.enqueue({ kind: "sync", payload: {} });
    await jobs.claim("worker-crashed");
    f.clock.advance(STALE_LOCK_MS - 1);
    expect(await jobs.claim("worker-b")).toEqual([]);
    f.clock.advance(1);
    expect(await jobs.claim("worker-b")).toMatchObject([{ id: job.id, attempts: 2, lockedBy: "worker-b" }]);
    expect(await jobs.complete(job.id, "worker-crashed")).toBe(false);
    expect(await jobs.complete(job.id, "worker-b")).toBe(true);
  });

  test("a job whose worker crashed on its last attempt becomes dead instead of looping", async () => {
    const { jobs } = f.store;
    const job = await jobs.enqueue({ kind: "sync", payload: {}, maxAttempts: 1 });
    await jobs.claim("worker-crashed");
    f.clock.advance(STALE_LOCK_MS);
    expect(await jobs.claim("worker-b")).toEqual([]);
    expect(await jobs.get(job.id)).toMatchObject({
      state: "dead",
      lockedBy: null,
      lastError: expect.stringContaining("worker crashed"),
    });
  });

  test("a stopping worker hands its jobs back without using up an attempt", async () => {
    const { jobs } = f.store;
    await jobs.enqueue({ kind: "sync", payload: { n: 1 } });
    await jobs.enqueue({ kind: "sync", payload: { n: 2 } });
    await jobs.claim("worker-a", { limit: 2 });
    expect(await jobs.unlockWorker("worker-a")).toBe(2);
    expect((await jobs.claim("worker-b", { limit: 2 })).map((j) => j.attempts)).toEqual([1, 1]);
  });

  test("enqueueing the key of a dead job revives it with the new payload", async () => {
    const { jobs } = f.store;
    const job = await jobs.enqueue({ kind: "sync", payload: { v: 1 }, key: "k", maxAttempts: 1 });
    await jobs.claim("w");
    await jobs.fail(job.id, "w", "boom");
    const revived = await jobs.enqueue({ kind: "sync", payload: { v: 2 }, key: "k" });
    expect(revived).toMatchObject({ id: job.id, state: "queued", attempts: 0, payload: { v: 2 }, lastError: null });
  });
}
