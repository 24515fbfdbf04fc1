import type { CreatedEvent, CreatedMeeting, Recurrence } from "./types";

/**
 * The ports schedule()/cancel() need. Gateways implement them: bot/src/webex/meetings.ts
 * (Meetings) and bot/src/graph/calendar.ts (Calendar); the store implements the records.
 */

/** Webex: https://developer.webex.com/docs/api/v1/meetings */
export interface MeetingsPort {
  create(input: {
    title: string;
    /** ISO 8601 with offset. */
    start: string;
    end: string;
    /** IANA zone. */
    timeZone: string;
    agenda?: string;
    /** RRULE without the "RRULE:" prefix, e.g. "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=10". */
    recurrence?: string;
    invitees: { email: string; displayName?: string }[];
    /** Tenant mode with a service token: schedule on this host's behalf. */
    hostEmail?: string;
  }): Promise<CreatedMeeting>;
  /** Deleting a missing meeting is not an error (404 → resolved). */
  delete(meetingId: string, hostEmail?: string): Promise<void>;
}

/** Graph wall-clock time: "2026-11-24T15:00:00.0000000" plus a zone name. */
export interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

/** Outlook: https://learn.microsoft.com/graph/api/user-post-events */
export interface CalendarPort {
  createEvent(input: {
    /** Graph deduplicates creates that repeat a transactionId (retries, double submits). */
    transactionId: string;
    subject: string;
    start: GraphDateTime;
    end: GraphDateTime;
    attendees: { email: string; displayName?: string }[];
    location: string;
    bodyHtml: string;
    recurrence?: { recurrence: Recurrence; startDate: string };
    /** Stored as a singleValueExtendedProperty so the event can be recognised as ours. */
    webexMeetingId: string;
  }): Promise<CreatedEvent>;
  /** Deleting sends Outlook's cancellation to attendees; a missing event is not an error. */
  deleteEvent(eventId: string): Promise<void>;
}

/** The store's event↔meeting links (structural subset of store.eventLinks). */
export interface EventLinksPort {
  upsert(link: {
    tenantId: string;
    userId: string;
    eventId: string;
    iCalUId: string;
    webexMeetingId: string;
    seriesMasterId: string | null;
    originalStart: Date | null;
    syncedHash: string;
  }): Promise<void>;
  delete(tenantId: string, userId: string, eventId: string): Promise<boolean>;
}

/** The store's idempotency keys (structural subset of store.idempotency). */
export interface IdempotencyPort {
  claim(key: string, ttlMs: number): Promise<{ status: "claimed" } | { status: "in-progress"; expiresAt: Date } | { status: "completed"; result: unknown }>;
  complete(key: string, result: unknown): Promise<boolean>;
  release(key: string): Promise<boolean>;
}

/** A small durable scratchpad (structural subset of store.keyValues) for crash recovery between steps. */
export interface ScratchPort {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * What rescheduleMeeting() needs of Outlook, on top of CalendarPort: read the event (its current
 * time, to put it back if Webex refuses) and move it. A separate interface so that schedule() and
 * cancel() keep their narrow ports. https://learn.microsoft.com/graph/api/event-update
 */
export interface RescheduleCalendarPort {
  /** undefined when the event does not exist; times are wall clock in `timeZone` (asked for via Prefer). */
  getEvent(
    eventId: string,
    timeZone?: string,
  ): Promise<
    | {
        id: string;
        iCalUId: string;
        subject: string;
        start: string;
        end: string;
        timeZone: string;
        type: "singleInstance" | "occurrence" | "exception" | "seriesMaster";
        webexMeetingId: string | null;
      }
    | undefined
  >;
  /** PATCH start/end; Outlook sends the update to the attendees. Resolves with the new changeKey. */
  updateEvent(eventId: string, times: { start: GraphDateTime; end: GraphDateTime }): Promise<{ changeKey: string }>;
}

/** Webex PATCH /v1/meetings/{id}: https://developer.webex.com/docs/api/v1/meetings/patch-a-meeting */
export interface RescheduleMeetingsPort {
  /** start/end ISO 8601 with offset, timeZone IANA. */
  update(meetingId: string, times: { start: string; end: string; timeZone: string }, hostEmail?: string): Promise<unknown>;
}

/** The link whose syncedHash a reschedule refreshes (structural subset of store.eventLinks). */
export interface RescheduleLinksPort extends Pick<EventLinksPort, "upsert"> {
  get(
    tenantId: string,
    userId: string,
    eventId: string,
  ): Promise<{ iCalUId: string; webexMeetingId: string; seriesMasterId: string | null; originalStart: Date | null } | undefined>;
}
