// Contract: what lets several instances share one database safely — idempotency keys and leases.
import type { ContractTarget } from "./harness";
import { useStoreFixture } from "./harness";

export function describeCoordinationContract(target: ContractTarget): void {
  const f = useStoreFixture(target);

  describe("idempotency keys", () => {
    test("of many simultaneous submits of one draft exactly one gets to do the work", async () => {
      const other = await f.openAnother();
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? f.store : other).idempotency.claim("draft-42", 60_000)),
      );
      expect(claims.filter((c) => c.status === "claimed")).toHaveLength(1);
      expect(claims.filter((c) => c.status === "in-progress")).toHaveLength(9);
      expect(claims).toContainEqual({ status: "in-progress", expiresAt: f.clock.plus(60_000) });
    });

    test("a second submit of the same draft returns the first result", async () => {
      const { idempotency } = f.store;
      expect(await idempotency.claim("draft-1", 60_000)).toEqual({ status: "claimed" });
      expect(await idempotency.complete("draft-1", { meetingId: "m-1", joinUrl: "https://example.webex.com/j" })).toBe(true);
      expect(await idempotency.complete("draft-1", { meetingId: "m-2" })).toBe(false);
      f.clock.advance(24 * 3_600_000);
      expect(await idempotency.claim("draft-1", 60_000)).toEqual({
        status: "completed",
        result: { meetingId: "m-1", joinUrl: "https://example.webex.com/j" },
      });
      expect(await idempotency.get("draft-1")).toMatchObject({
        result: { meetingId: "m-1" },
        completedAt: f.clock.plus(-24 * 3_600_000),
      });
    });

    test("a claim whose owner vanished lapses after its ttl; a released claim is free at once", async () => {
      const { idempotency } = f.store;
      await idempotency.claim("draft-2", 30_000);
      f.clock.advance(29_999);
      expect((await idempotency.claim("draft-2", 30_000)).status).toBe("in-progress");
      f.clock.advance(1);
      expect(await idempotency.claim("draft-2", 30_000)).toEqual({ status: "claimed" });

      expect(await idempotency.release("draft-2")).toBe(true);
      expect(await idempotency.claim("draft-2", 30_000)).toEqual({ status: "claimed" });
      await idempotency.complete("draft-2", null);
      expect(await idempotency.release("draft-2")).toBe(false);
      expect(await idempotency.claim("draft-2", 30_000)).toEqual({ status: "completed", result: null });
    });

    test("purge forgets old results and lapsed claims but keeps recent ones", async () => {
      const { idempotency } = f.store;
      await idempotency.claim("old-done", 60_000);
      await idempotency.complete("old-done", { ok: true });
      await idempotency.claim("old-lapsed", 60_000);
      f.clock.advance(2 * 60_000);
      await idempotency.claim("recent", 60_000);
      await idempotency.complete("recent", { ok: true });
      expect(await idempotency.purge(f.clock.plus(-1))).toBe(2);
      expect(await idempotency.get("old-done")).toBeUndefined();
      expect(await idempotency.get("recent")).toMatchObject({ result: { ok: true } });
    });
  });

  describe("leases", () => {
    test("only one instance holds a lease until it expires or is released", async () => {
      const { leases } = f.store;
      expect(await leases.tryAcquire("renew-subscriptions", "instance-a", 60_000)).toBe(true);
      expect(await leases.tryAcquire("renew-subscriptions", "instance-b", 60_000)).toBe(false);
      expect(await leases.tryAcquire("other-chore", "instance-b", 60_000)).toBe(true);

      f.clock.advance(59_999);
      expect(await leases.tryAcquire("renew-subscriptions", "instance-a", 60_000)).toBe(true); // renewal
      f.clock.advance(59_999);
      expect(await leases.tryAcquire("renew-subscriptions", "instance-b", 60_000)).toBe(false);
      f.clock.advance(1);
      expect(await leases.tryAcquire("renew-subscriptions", "instance-b", 60_000)).toBe(true);
      expect(await leases.tryAcquire("renew-subscriptions", "instance-a", 60_000)).toBe(false);

      expect(await leases.release("renew-subscriptions", "instance-a")).toBe(false);
      expect(await leases.release("renew-subscriptions", "instance-b")).toBe(true);
      expect(await leases.tryAcquire("renew-subscriptions", "instance-a", 60_000)).toBe(true);
    });

    test("instances racing for a free lease: exactly one wins", async () => {
      const other = await f.openAnother();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? f.store : other).leases.tryAcquire("renew", `instance-${i}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
