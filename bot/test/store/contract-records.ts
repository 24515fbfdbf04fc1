// Contract: the plain records (account links, tokens, tenant settings, subscriptions, event links)
// round-trip exactly, and survive a restart.
import type { AccountLink, EventLink } from "../../src/store/records";
import type { ContractTarget } from "./harness";
import { useStoreFixture } from "./harness";

const tenantId = "tenant-contoso";

function accountLink(overrides: Partial<AccountLink> = {}): AccountLink {
  return {
    tenantId,
    aadObjectId: "aad-alex",
    upn: "alex@contoso.example",
    matchedAddress: "alex.wilber@contoso.example",
    webexPersonId: "webex-person-alex",
    webexEmail: "alex.wilber@contoso.example",
    matchedBy: "alias",
    matchedAt: new Date("2030-01-02T03:04:05.678Z"),
    ...overrides,
  };
}

function eventLink(overrides: Partial<Omit<EventLink, "updatedAt">> = {}): Omit<EventLink, "updatedAt"> {
  return {
    tenantId,
    userId: "aad-alex",
    eventId: "event-1",
    iCalUId: "ical-1",
    webexMeetingId: "0123456789abcdef0123456789abcdef",
    seriesMasterId: null,
    originalStart: null,
    syncedHash: "hash-1",
    ...overrides,
  };
}

export function describeRecordsContract(target: ContractTarget): void {
  const f = useStoreFixture(target);

  test(`reports itself as ${target.kind} and answers a ping`, async () => {
    expect(f.store.kind).toBe(target.kind);
    await expect(f.store.ping()).resolves.toBeUndefined();
  });

  test("an account link is stored, replaced, found by Webex person and deleted", async () => {
    const { accounts } = f.store;
    expect(await accounts.get(tenantId, "aad-alex")).toBeUndefined();
    await accounts.upsert(accountLink());
    expect(await accounts.get(tenantId, "aad-alex")).toEqual(accountLink());

    await accounts.upsert(accountLink({ matchedBy: "mail", webexEmail: "alex@contoso.example" }));
    expect(await accounts.get(tenantId, "aad-alex")).toMatchObject({ matchedBy: "mail", webexEmail: "alex@contoso.example" });
    expect(await accounts.getByWebexPersonId("webex-person-alex")).toHaveLength(1);
    expect(await accounts.get("another-tenant", "aad-alex")).toBeUndefined();

    expect(await accounts.delete(tenantId, "aad-alex")).toBe(true);
    expect(await accounts.delete(tenantId, "aad-alex")).toBe(false);
    expect(await accounts.get(tenantId, "aad-alex")).toBeUndefined();
  });

  test("token ciphertext round-trips byte for byte, per kind and owner", async () => {
    const { tokens } = f.store;
    const alex = { tenantId, userId: "aad-alex" };
    const app = { tenantId };
    const ciphertext = Buffer.from([0x00, 0xff, 0x10, 0x00, 0x7f, 0x80]);
    const expiresAt = f.clock.plus(3_600_000);
    await tokens.put({ kind: "graph-user", owner: alex, ciphertext, keyId: "k1", expiresAt });
    await tokens.put({ kind: "graph-app", owner: app, ciphertext: Buffer.from("app"), keyId: "k1", expiresAt: null });
    await tokens.put({ kind: "webex-user", owner: alex, ciphertext: Buffer.from("wx"), keyId: "k2", expiresAt: null });

    const user = await tokens.get("graph-user", alex);
    expect(user?.ciphertext.equals(ciphertext)).toBe(true);
    expect(user).toMatchObject({ keyId: "k1", expiresAt, owner: alex, updatedAt: f.clock.now() });
    expect(await tokens.get("graph-app", app)).toMatchObject({ owner: app, expiresAt: null });
    expect(await tokens.get("graph-app", alex)).toBeUndefined();

    await tokens.put({ kind: "graph-user", owner: alex, ciphertext: Buffer.from("v2"), keyId: "k2", expiresAt: null });
    expect((await tokens.get("graph-user", alex))?.keyId).toBe("k2");

    expect(await tokens.deleteOwner(alex)).toBe(2);
    expect(await tokens.get("webex-user", alex)).toBeUndefined();
    expect(await tokens.delete("graph-app", app)).toBe(true);
    expect(await tokens.delete("graph-app", app)).toBe(false);
  });

  test("tenant settings keep the mode and when admin consent was granted", async () => {
    const { tenants } = f.store;
    await tenants.upsert({ tenantId, mode: "individual", adminConsentGrantedAt: null });
    expect(await tenants.get(tenantId)).toEqual({
      tenantId,
      mode: "individual",
      adminConsentGrantedAt: null,
      updatedAt: f.clock.now(),
    });
    const grantedAt = f.clock.plus(1000);
    await tenants.upsert({ tenantId, mode: "tenant", adminConsentGrantedAt: grantedAt });
    expect(await tenants.get(tenantId)).toMatchObject({ mode: "tenant", adminConsentGrantedAt: grantedAt });
    expect(await tenants.delete(tenantId)).toBe(true);
    expect(await tenants.get(tenantId)).toBeUndefined();
  });

  test("subscriptions are listed by expiry for renewal and keep their creation time", async () => {
    const { subscriptions } = f.store;
    const base = {
      tenantId,
      userId: "aad-alex",
      resource: "/users/aad-alex/events",
      changeType: "created,updated,deleted",
      clientStateHash: "ab12",
      state: "active" as const,
    };
    const ids = (list: { id: string }[]) => list.map((s) => s.id);
    await subscriptions.upsert({ ...base, id: "sub-late", expiresAt: f.clock.plus(3 * 3_600_000) });
    await subscriptions.upsert({ ...base, id: "sub-soon", expiresAt: f.clock.plus(3_600_000) });
    await subscriptions.upsert({ ...base, id: "sub-other", userId: "aad-megan", expiresAt: f.clock.plus(2 * 3_600_000) });

    expect(ids(await subscriptions.listExpiringBefore(f.clock.plus(2 * 3_600_000)))).toEqual(["sub-soon"]);
    expect(ids(await subscriptions.listExpiringBefore(f.clock.plus(10 * 3_600_000), 2))).toEqual(["sub-soon", "sub-other"]);
    expect(ids(await subscriptions.listForUser(tenantId, "aad-alex"))).toEqual(["sub-soon", "sub-late"]);

    const createdAt = f.clock.now();
    f.clock.advance(60_000);
    expect(await subscriptions.setExpiry("sub-soon", f.clock.plus(5 * 3_600_000))).toBe(true);
    expect(await subscriptions.setState("sub-soon", "reauthorization-required")).toBe(true);
    expect(await subscriptions.setState("sub-missing", "removed")).toBe(false);
    await subscriptions.upsert({ ...base, id: "sub-late", clientStateHash: "cd34", expiresAt: f.clock.plus(3_600_000) });

    expect(await subscriptions.get("sub-soon")).toMatchObject({
      state: "reauthorization-required",
      expiresAt: f.clock.plus(5 * 3_600_000),
      updatedAt: f.clock.now(),
    });
    expect(await subscriptions.get("sub-late")).toMatchObject({ clientStateHash: "cd34", createdAt, updatedAt: f.clock.now() });
    expect(await subscriptions.delete("sub-late")).toBe(true);
    expect(await subscriptions.get("sub-late")).toBeUndefined();
  });

  test("event links are found by event id, by Webex meeting id and by iCalUId", async () => {
    const { eventLinks } = f.store;
    const occurrence = eventLink({
      eventId: "event-occ",
      seriesMasterId: "event-master",
      originalStart: new Date("2030-02-01T10:00:00Z"),
    });
    const eventIds = (links: { eventId: string }[]) => links.map((l) => l.eventId).sort();
    await eventLinks.upsert(eventLink());
    await eventLinks.upsert(occurrence);
    await eventLinks.upsert(eventLink({ userId: "aad-megan", eventId: "event-copy", iCalUId: "ical-2" }));

    expect(await eventLinks.get(tenantId, "aad-alex", "event-occ")).toEqual({ ...occurrence, updatedAt: f.clock.now() });
    expect(await eventLinks.get(tenantId, "aad-megan", "event-1")).toBeUndefined();
    const byMeeting = await eventLinks.listByWebexMeetingId("0123456789abcdef0123456789abcdef");
    expect(eventIds(byMeeting)).toEqual(["event-1", "event-copy", "event-occ"]);
    expect(eventIds(await eventLinks.listByICalUId(tenantId, "ical-1"))).toEqual(["event-1", "event-occ"]);
    expect(await eventLinks.listByICalUId("another-tenant", "ical-1")).toEqual([]);

    await eventLinks.upsert(eventLink({ syncedHash: "hash-2" }));
    expect((await eventLinks.get(tenantId, "aad-alex", "event-1"))?.syncedHash).toBe("hash-2");
    expect(await eventLinks.delete(tenantId, "aad-alex", "event-1")).toBe(true);
    expect(await eventLinks.delete(tenantId, "aad-alex", "event-1")).toBe(false);
  });

  test("everything stored survives closing the store and opening it again", async () => {
    await f.store.accounts.upsert(accountLink());
    await f.store.eventLinks.upsert(eventLink());
    const job = await f.store.jobs.enqueue({ kind: "sync", payload: { subscriptionId: "s1" }, key: "s1" });
    await f.store.idempotency.claim("draft-1", 60_000);
    await f.store.idempotency.complete("draft-1", { meetingId: "m1" });
    await f.store.close();

    const reopened = await f.reopen();
    expect(await reopened.accounts.get(tenantId, "aad-alex")).toEqual(accountLink());
    expect(await reopened.eventLinks.get(tenantId, "aad-alex", "event-1")).toMatchObject({ syncedHash: "hash-1" });
    expect(await reopened.jobs.get(job.id)).toMatchObject({ payload: { subscriptionId: "s1" }, key: "s1", state: "queued" });
    expect(await reopened.idempotency.claim("draft-1", 60_000)).toEqual({ status: "completed", result: { meetingId: "m1" } });
  });

  test("migrations are recorded once and reopening re-applies nothing", async () => {
    expect(await f.database.migrationIds()).toEqual([1]);
    await f.store.tenants.upsert({ tenantId, mode: "tenant", adminConsentGrantedAt: null });
    await f.openAnother();
    await f.openAnother();
    expect(await f.database.migrationIds()).toEqual([1]);
    expect(await f.store.tenants.get(tenantId)).toMatchObject({ mode: "tenant" });
  });

  test("instances starting together on an empty database migrate it exactly once", async () => {
    const database = await target.createDatabase();
    const settled = await Promise.allSettled([1, 2, 3].map(() => database.open(f.clock.now)));
    const stores = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    try {
      expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
      expect(await database.migrationIds()).toEqual([1]);
      await stores[0]?.tenants.upsert({ tenantId, mode: "individual", adminConsentGrantedAt: null });
      expect(await stores[2]?.tenants.get(tenantId)).toMatchObject({ mode: "individual" });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
}
