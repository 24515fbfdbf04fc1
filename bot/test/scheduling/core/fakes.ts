// Hand-written fakes of the scheduling ports. They keep state like the real services do (Webex
// meetings that exist, Graph events deduplicated by transactionId, idempotency claims that lapse
// on the fake clock) and write every call to one shared journal, so tests can check the order.
// `hang` makes a call never answer: the process "dies" there.
import type { CalendarPort, EventLinksPort, IdempotencyPort, MeetingsPort, ScratchPort } from "../../../src/scheduling/ports";
import type { SchedulingLogger } from "../../../src/scheduling/webex-step";
import type { CreatedEvent, CreatedMeeting } from "../../../src/scheduling/types";

export type Journal = string[];
type MeetingInput = Parameters<MeetingsPort["create"]>[0];
type EventInput = Parameters<CalendarPort["createEvent"]>[0];
type LinkInput = Parameters<EventLinksPort["upsert"]>[0];

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An error shaped like the gateways' (Graph SDK GraphError / our WebexError). */
export class FakeServiceError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly requestId: string,
  ) {
    super(message);
  }
}

export class FakeClock {
  constructor(private ms: number) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export class FakeMeetings implements MeetingsPort {
  readonly creates: MeetingInput[] = [];
  readonly deletes: { id: string; hostEmail: string | undefined }[] = [];
  readonly live = new Map<string, MeetingInput>();
  failCreate: Error | undefined;
  failDelete: Error | undefined;
  private next = 1;

  constructor(private readonly journal: Journal) {}

  async create(input: MeetingInput): Promise<CreatedMeeting> {
    this.journal.push("webex.create");
    this.creates.push(input);
    if (this.failCreate) throw this.failCreate;
    const id = (this.next++).toString(16).padStart(32, "0");
    this.live.set(id, input);
    return {
      id,
      meetingNumber: `2650 000 ${String(this.next).padStart(4, "0")}`,
      webLink: `https://contoso.webex.com/contoso/j.php?MTID=m${id}`,
      sipAddress: `2650000${this.next}@contoso.webex.com`,
      password: "Xy7pQ",
      callInNumbers: [{ label: "Sweden Toll", number: "+46 8 1234 5678" }],
      accessCode: `2650000${this.next}`,
    };
  }

  async delete(id: string, hostEmail?: string): Promise<void> {
    this.journal.push("webex.delete");
    this.deletes.push({ id, hostEmail });
    if (this.failDelete) throw this.failDelete;
    this.live.delete(id); // a missing meeting is not an error (the port's contract)
  }
}

export class FakeCalendar implements CalendarPort {
  readonly creates: EventInput[] = [];
  readonly deletes: string[] = [];
  readonly events = new Map<string, EventInput>();
  private readonly byTransaction = new Map<string, CreatedEvent>();
  failCreate: Error | undefined;
  failDelete: Error | undefined;
  hangCreate = false;
  private next = 1;

  constructor(private readonly journal: Journal) {}

  async createEvent(input: EventInput): Promise<CreatedEvent> {
    this.journal.push("calendar.createEvent");
    this.creates.push(input);
    if (this.hangCreate) return never();
    if (this.failCreate) throw this.failCreate;
    // Graph answers a repeated transactionId with the event it already made.
    const known = this.byTransaction.get(input.transactionId);
    if (known) return known;
    const event = { id: `AAMkEvent${this.next}`, iCalUId: `040000008200E00074C5B7101A82E008${this.next}`, webLink: `https://outlook.office365.com/owa/?itemid=${this.next}` };
    this.next += 1;
    this.byTransaction.set(input.transactionId, event);
    this.events.set(event.id, input);
    return event;
  }

  async deleteEvent(eventId: string): Promise<void> {
    this.journal.push("calendar.deleteEvent");
    this.deletes.push(eventId);
    if (this.failDelete) throw this.failDelete;
    this.events.delete(eventId);
  }
}

export class FakeLinks implements EventLinksPort {
  readonly rows = new Map<string, LinkInput>();
  hangUpsert = false;

  constructor(private readonly journal: Journal) {}

  async upsert(link: LinkInput): Promise<void> {
    this.journal.push("links.upsert");
    if (this.hangUpsert) return never();
    this.rows.set(`${link.tenantId}|${link.userId}|${link.eventId}`, { ...link });
  }

  async delete(tenantId: string, userId: string, eventId: string): Promise<boolean> {
    this.journal.push("links.delete");
    return this.rows.delete(`${tenantId}|${userId}|${eventId}`);
  }
}

/** Same rules as the store's idempotency repo: first claim wins, claims lapse, results are JSON. */
export class FakeIdempotency implements IdempotencyPort {
  readonly records = new Map<string, { expiresAt: Date; completed: boolean; result: unknown }>();

  constructor(
    private readonly journal: Journal,
    private readonly now: () => Date,
  ) {}

  async claim(key: string, ttlMs: number): ReturnType<IdempotencyPort["claim"]> {
    this.journal.push("idempotency.claim");
    const existing = this.records.get(key);
    if (existing?.completed) return { status: "completed", result: clone(existing.result) };
    if (existing && existing.expiresAt.getTime() > this.now().getTime()) return { status: "in-progress", expiresAt: existing.expiresAt };
    this.records.set(key, { expiresAt: new Date(this.now().getTime() + ttlMs), completed: false, result: undefined });
    return { status: "claimed" };
  }

  async complete(key: string, result: unknown): Promise<boolean> {
    this.journal.push("idempotency.complete");
    const existing = this.records.get(key);
    if (!existing || existing.completed) return false;
    this.records.set(key, { ...existing, completed: true, result: clone(result) });
    return true;
  }

  async release(key: string): Promise<boolean> {
    this.journal.push("idempotency.release");
    const existing = this.records.get(key);
    if (!existing || existing.completed) return false;
    return this.records.delete(key);
  }
}

export class FakeScratch implements ScratchPort {
  readonly entries = new Map<string, unknown>();

  async get(key: string): Promise<unknown> {
    const value = this.entries.get(key);
    return value === undefined ? undefined : clone(value);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.entries.set(key, clone(value));
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

export class RecordingLogger implements SchedulingLogger {
  readonly entries: { level: "info" | "warn" | "error"; obj: object; msg?: string }[] = [];
  info(obj: object, msg?: string): void {
    this.entries.push({ level: "info", obj, msg });
  }
  warn(obj: object, msg?: string): void {
    this.entries.push({ level: "warn", obj, msg });
  }
  error(obj: object, msg?: string): void {
    this.entries.push({ level: "error", obj, msg });
  }
}

/** One "process" worth of durable fakes; `restart()` gives new deps over the same state. */
export function scheduling(startMs: number) {
  const journal: Journal = [];
  const clock = new FakeClock(startMs);
  const meetings = new FakeMeetings(journal);
  const calendar = new FakeCalendar(journal);
  const links = new FakeLinks(journal);
  const idempotency = new FakeIdempotency(journal, clock.now);
  const scratch = new FakeScratch();
  const logger = new RecordingLogger();
  const deps = { meetings, calendar, links, idempotency, scratch, now: clock.now, logger };
  return { journal, clock, meetings, calendar, links, idempotency, scratch, logger, deps };
}
