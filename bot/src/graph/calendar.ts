import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import type { CalendarPort, GraphDateTime, RescheduleCalendarPort } from "../scheduling/ports";
import { toGraphRecurrence, type GraphPatternedRecurrence } from "../scheduling/graph-recurrence";
import type { CreatedEvent, Recurrence, Weekday } from "../scheduling/types";
import { WEBEX_MEETING_ID_PROPERTY, expandExtendedProperty, filterByExtendedProperty, readExtendedProperty } from "./extended-properties";

/**
 * The organizer's Outlook calendar through Graph: the events that carry our Webex meetings.
 * Creation carries a transactionId because the SDK's middleware retries POSTs on 429/503/504;
 * the Webex meeting id goes into our single-value extended property so the event can be
 * recognised later. No `isOnlineMeeting`: that makes a Teams meeting, and the join details are
 * Webex's (body and location).
 * https://learn.microsoft.com/graph/api/user-post-events · https://learn.microsoft.com/graph/api/user-list-calendarview
 */

const EventType = z.enum(["singleInstance", "occurrence", "exception", "seriesMaster"]);

/** https://learn.microsoft.com/graph/api/resources/event — the fields we read. */
const EventJson = z.object({
  id: z.string(),
  iCalUId: z.string(),
  changeKey: z.string(),
  webLink: z.string().nullish(),
  subject: z.string().nullish(),
  type: EventType,
  seriesMasterId: z.string().nullish(),
  start: z.object({ dateTime: z.string(), timeZone: z.string() }),
  end: z.object({ dateTime: z.string(), timeZone: z.string() }),
  attendees: z.array(z.unknown()).nullish(),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string().nullish() })).nullish(),
});
type EventJson = z.infer<typeof EventJson>;

/** A collection page: https://learn.microsoft.com/graph/paging */
const EventPage = z.object({ value: z.array(EventJson), "@odata.nextLink": z.string().optional() });

const SELECT = "id,iCalUId,changeKey,webLink,subject,type,seriesMasterId,start,end,attendees";

export interface WebexCalendarEvent {
  id: string;
  iCalUId: string;
  changeKey: string;
  subject: string;
  /** Wall-clock time in `timeZone`, as Graph writes it ("2026-11-24T15:00:00.0000000"). */
  start: string;
  end: string;
  timeZone: string;
  webLink?: string;
  /** Null on an event that does not carry our property. */
  webexMeetingId: string | null;
  type: z.infer<typeof EventType>;
  seriesMasterId: string | null;
  attendeesCount: number;
}

export interface CreatedCalendarEvent extends CreatedEvent {
  changeKey: string;
}

export interface GraphCalendarOptions {
  /** `$top` for calendarView pages (Outlook serves at most 1000). Default 50. */
  pageSize?: number;
  /**
   * Ask Graph to return only events carrying our property (`ep/value ne null`). Documented
   * forms use `eq '<value>'` only, so this is *uncertain* on calendarView: turned off, the same
   * selection happens here from the expanded property instead.
   */
  filterOnServer?: boolean;
}

export interface GraphCalendar extends CalendarPort, RescheduleCalendarPort {
  createEvent(input: Parameters<CalendarPort["createEvent"]>[0]): Promise<CreatedCalendarEvent>;
  /** Moves the event (PATCH start/end; Outlook mails the update to attendees); the new changeKey. */
  updateEvent(eventId: string, times: { start: GraphDateTime; end: GraphDateTime }): Promise<{ id: string; changeKey: string }>;
  /** Events (occurrences of series included) in the range that carry our property; times in `timeZone` (default UTC). */
  listWebexEvents(range: { start: Date; end: Date }, timeZone?: string): Promise<WebexCalendarEvent[]>;
  /** Any event of the mailbox (ours or not), or undefined when it does not exist. */
  getEvent(eventId: string, timeZone?: string): Promise<WebexCalendarEvent | undefined>;
}

export function createGraphCalendar(client: Client, self: { userId: string } | "me", options: GraphCalendarOptions = {}): GraphCalendar {
  const root = self === "me" ? "/me" : `/users/${encodeURIComponent(self.userId)}`;
  const pageSize = options.pageSize ?? 50;
  const filterOnServer = options.filterOnServer ?? true;
  // The SDK copies query values into the URL verbatim: encode ours (quotes, spaces, braces).
  const expand = encodeURIComponent(expandExtendedProperty());
  const prefer = (zone: string): string => `outlook.timezone="${zone}"`;

  return {
    async createEvent(input) {
      const body = {
        subject: input.subject,
        body: { contentType: "HTML", content: input.bodyHtml },
        start: input.start,
        end: input.end,
        attendees: input.attendees.map((a) => ({
          type: "required",
          emailAddress: { address: a.email, ...(a.displayName ? { name: a.displayName } : {}) },
        })),
        location: { displayName: input.location },
        ...(input.recurrence ? { recurrence: patternedRecurrence(input.recurrence.recurrence, input.recurrence.startDate, input.start) } : {}),
        transactionId: input.transactionId,
        singleValueExtendedProperties: [{ id: WEBEX_MEETING_ID_PROPERTY, value: input.webexMeetingId }],
      };
      const created = EventJson.parse(await client.api(`${root}/events`).post(body));
      return { id: created.id, iCalUId: created.iCalUId, changeKey: created.changeKey, ...(created.webLink ? { webLink: created.webLink } : {}) };
    },

    async deleteEvent(eventId) {
      try {
        await client.api(`${root}/events/${encodeURIComponent(eventId)}`).delete();
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },

    // https://learn.microsoft.com/graph/api/event-update — answers 200 with the updated event.
    async updateEvent(eventId, times) {
      const updated = EventJson.parse(await client.api(`${root}/events/${encodeURIComponent(eventId)}`).patch({ start: times.start, end: times.end }));
      return { id: updated.id, changeKey: updated.changeKey };
    },

    async listWebexEvents(range, timeZone = "UTC") {
      let request = client
        .api(`${root}/calendarView`)
        .query({ startDateTime: range.start.toISOString(), endDateTime: range.end.toISOString() })
        .select(SELECT)
        .expand(expand)
        .orderby("start/dateTime")
        .top(pageSize)
        .header("Prefer", prefer(timeZone));
      if (filterOnServer) request = request.filter(encodeURIComponent(filterByExtendedProperty()));
      const events: WebexCalendarEvent[] = [];
      let page = EventPage.parse(await request.get());
      for (;;) {
        for (const e of page.value) {
          const event = toCalendarEvent(e);
          if (event.webexMeetingId !== null) events.push(event);
        }
        const next = page["@odata.nextLink"];
        if (!next) return events;
        // nextLink keeps every query option; headers are not part of it, so Prefer goes again.
        page = EventPage.parse(await client.api(next).header("Prefer", prefer(timeZone)).get());
      }
    },

    async getEvent(eventId, timeZone = "UTC") {
      try {
        const json = await client.api(`${root}/events/${encodeURIComponent(eventId)}`).select(SELECT).expand(expand).header("Prefer", prefer(timeZone)).get();
        return toCalendarEvent(EventJson.parse(json));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

function toCalendarEvent(e: EventJson): WebexCalendarEvent {
  return {
    id: e.id,
    iCalUId: e.iCalUId,
    changeKey: e.changeKey,
    subject: e.subject ?? "",
    start: e.start.dateTime,
    end: e.end.dateTime,
    timeZone: e.start.timeZone,
    ...(e.webLink ? { webLink: e.webLink } : {}),
    webexMeetingId: readExtendedProperty(e.singleValueExtendedProperties ?? undefined) ?? null,
    type: e.type,
    seriesMasterId: e.seriesMasterId ?? null,
    attendeesCount: e.attendees?.length ?? 0,
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof GraphError && error.statusCode === 404;
}

const WEEKDAYS: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/**
 * The series as Graph's patternedRecurrence (scheduling/graph-recurrence.ts). A weekly series
 * without days, or a monthly one without a date, repeats on the start date's weekday / day of
 * month — filled in here so a draft that skipped normalisation still makes a valid event.
 */
function patternedRecurrence(r: Recurrence, startDate: string, start: GraphDateTime): GraphPatternedRecurrence {
  const day = new Date(`${startDate}T00:00:00Z`);
  const filled: Recurrence = {
    ...r,
    ...(r.frequency === "weekly" && !r.daysOfWeek?.length ? { daysOfWeek: [WEEKDAYS[day.getUTCDay()]!] } : {}),
    ...(r.frequency === "monthly" && r.dayOfMonth === undefined && r.weekOfMonth === undefined ? { dayOfMonth: day.getUTCDate() } : {}),
  };
  return toGraphRecurrence(filled, startDate, start.timeZone);
}
