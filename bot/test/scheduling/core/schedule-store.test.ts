// schedule() over the real SQLite store: links, idempotency keys and the scratchpad (through the
// key/value adapter) are the store's own repositories; only Webex and Graph are port fakes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventLinksPort, IdempotencyPort, ScratchPort } from "../../../src/scheduling/ports";
import { DEFAULT_SCHEDULE_CLAIM_TTL_MS, schedule, scheduleKey, type ScheduleDeps } from "../../../src/scheduling/schedule";
import { scratchFromKeyValues } from "../../../src/scheduling/store-adapters";
import { openStore, type EventLinkRepo, type IdempotencyRepo, type Store } from "../../../src/store";
import { draft, NOW } from "./drafts";
import { FakeCalendar, FakeClock, FakeMeetings, type Journal } from "./fakes";

// Compile-time: tsc fails here if the ports and the store's repositories drift apart.
const linksFit = (repo: EventLinkRepo): EventLinksPort => repo;
const idempotencyFits = (repo: IdempotencyRepo): IdempotencyPort => repo;
void [linksFit, idempotencyFits];

describe("scheduling against the SQLite store", () => {
  let dir: string;
  let path: string;
  let clock: FakeClock;
  let journal: Journal;
  let meetings: FakeMeetings;
  let calendar: FakeCalendar;
  const open: Store[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "scheduling-store-"));
    path = join(dir, "store.sqlite");
    clock = new FakeClock(NOW.getTime());
    journal = [];
    meetings = new FakeMeetings(journal);
    calendar = new FakeCalendar(journal);
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A process: its own store handle on the shared file, the shared (remote) Webex and Graph. */
  async function startProcess(): Promise<{ store: Store; deps: ScheduleDeps; scratch: ScratchPort }> {
    const store = await openStore({ sqlitePath: path, now: clock.now });
    open.push(store);
    const scratch = scratchFromKeyValues(store.keyValues);
    return { store, scratch, deps: { meetings, calendar, links: store.eventLinks, idempotency: store.idempotency, scratch, now: clock.now } };
  }

  test("stores the link and returns the first result to a second submit", async () => {
    const { store, deps } = await startProcess();
    const first = await schedule(deps, draft());
    const second = await schedule(deps, draft());

    expect(second).toEqual(first);
    expect(meetings.creates).toHaveLength(1);
    expect(await store.eventLinks.get("tenant-1", "user-anna", first.event.id)).toMatchObject({
      iCalUId: first.event.iCalUId,
      webexMeetingId: first.webex.id,
      seriesMasterId: null,
      originalStart: null,
    });
    expect(await store.idempotency.get(scheduleKey(draft().organizer, "draft-1"))).toMatchObject({ result: first });
  });

  test("a process that dies after creating the Webex meeting leaves it for the next process to reuse", async () => {
    const dying = await startProcess();
    calendar.hangCreate = true;
    void schedule(dying.deps, draft());
    for (let i = 0; i < 100 && calendar.creates.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    const webexId = calendar.creates[0]?.webexMeetingId;
    expect(webexId).toBeDefined();

    calendar.hangCreate = false;
    clock.advance(DEFAULT_SCHEDULE_CLAIM_TTL_MS + 1);
    const restarted = await startProcess();
    const result = await schedule(restarted.deps, draft());

    expect(meetings.creates).toHaveLength(1);
    expect(result.webex.id).toBe(webexId);
    expect(await restarted.scratch.get(scheduleKey(draft().organizer, "draft-1"))).toBeUndefined();
  });

  test("a failed calendar write releases the claim in the store so the retry runs at once", async () => {
    const { store, deps } = await startProcess();
    calendar.failCreate = new Error("Graph gave up after retries");
    await expect(schedule(deps, draft())).rejects.toMatchObject({ kind: "calendar-failed", webexCleanup: "deleted" });
    expect(await store.idempotency.get(scheduleKey(draft().organizer, "draft-1"))).toBeUndefined();
    const removed = meetings.deletes[0]?.id ?? "";
    expect(removed).not.toBe("");
    expect(await store.eventLinks.listByWebexMeetingId(removed)).toEqual([]);

    calendar.failCreate = undefined;
    const result = await schedule(deps, draft());
    expect(await store.eventLinks.get("tenant-1", "user-anna", result.event.id)).toBeDefined();
  });

  test("scratch entries live under their own prefix, apart from botbuilder's state", async () => {
    const { store, scratch } = await startProcess();
    await scratch.set("k", { a: 1 });
    expect(await scratch.get("k")).toEqual({ a: 1 });
    expect((await store.keyValues.getMany(["k"])).size).toBe(0);
    expect((await store.keyValues.getMany(["scheduling/scratch/k"])).get("scheduling/scratch/k")?.value).toEqual({ a: 1 });
    await scratch.delete("k");
    expect(await scratch.get("k")).toBeUndefined();
  });
});
