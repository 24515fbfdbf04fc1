// Fakes of the ports rescheduleMeeting() uses. They keep state like the services (an event with a
// wall-clock time and a changeKey, a Webex meeting with ISO times, a link row) and write every
// call to a shared journal so tests can check the order.
import type { GraphDateTime, RescheduleCalendarPort, RescheduleLinksPort, RescheduleMeetingsPort } from "../../../src/scheduling/ports";
import { graphDateTimeInZone, graphDateTimeToInstant } from "../../../src/scheduling/time";
import type { Journal } from "./fakes";

type StoredEvent = NonNullable<Awaited<ReturnType<RescheduleCalendarPort["getEvent"]>>> & { changeKey: string };
type LinkRow = Parameters<RescheduleLinksPort["upsert"]>[0];

export class FakeMovableCalendar implements RescheduleCalendarPort {
  readonly events = new Map<string, StoredEvent>();
  readonly updates: { eventId: string; start: GraphDateTime; end: GraphDateTime }[] = [];
  /** Fails the n-th update (1-based) with this error; others succeed. */
  failUpdate: { nth: number; error: Error }[] = [];
  private changes = 0;

  constructor(private readonly journal: Journal) {}

  async getEvent(eventId: string, timeZone = "UTC") {
    this.journal.push("calendar.getEvent");
    const e = this.events.get(eventId);
    if (!e) return undefined;
    // Like Graph with Prefer: outlook.timezone — the same instant as the wall clock of `timeZone`.
    const toZone = (dt: string) => graphDateTimeInZone(graphDateTimeToInstant(dt, e.timeZone)!, timeZone);
    return { ...e, start: toZone(e.start), end: toZone(e.end), timeZone };
  }

  async updateEvent(eventId: string, times: { start: GraphDateTime; end: GraphDateTime }) {
    this.journal.push("calendar.updateEvent");
    this.updates.push({ eventId, ...times });
    const failing = this.failUpdate.find((f) => f.nth === this.updates.length);
    if (failing) throw failing.error;
    const e = this.events.get(eventId);
    if (!e) throw Object.assign(new Error("ErrorItemNotFound"), { statusCode: 404 });
    const changeKey = `ck-${++this.changes}`;
    this.events.set(eventId, { ...e, start: times.start.dateTime, end: times.end.dateTime, timeZone: times.start.timeZone, changeKey });
    return { changeKey };
  }

  /** The event's start as an instant (ISO, UTC). */
  startOf(eventId: string): string {
    const e = this.events.get(eventId)!;
    return graphDateTimeToInstant(e.start, e.timeZone)!.toISOString();
  }
}

export class FakeMovableMeetings implements RescheduleMeetingsPort {
  readonly live = new Map<string, { start: string; end: string; timeZone: string }>();
  readonly updates: { id: string; start: string; end: string; timeZone: string; hostEmail: string | undefined }[] = [];
  failUpdate: Error | undefined;

  constructor(private readonly journal: Journal) {}

  async update(id: string, times: { start: string; end: string; timeZone: string }, hostEmail?: string) {
    this.journal.push("webex.update");
    this.updates.push({ id, ...times, hostEmail });
    if (this.failUpdate) throw this.failUpdate;
    this.live.set(id, { ...times });
    return { id, ...times };
  }
}

export class FakeLinkRows implements RescheduleLinksPort {
  readonly rows = new Map<string, LinkRow>();
  constructor(private readonly journal: Journal) {}
  async get(tenantId: string, userId: string, eventId: string) {
    return this.rows.get(`${tenantId}|${userId}|${eventId}`);
  }
  async upsert(link: LinkRow) {
    this.journal.push("links.upsert");
    this.rows.set(`${link.tenantId}|${link.userId}|${link.eventId}`, { ...link });
  }
}
