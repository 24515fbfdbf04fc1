/**
 * The scheduling domain's vocabulary: a meeting draft as the user is shaping it, and the ports
 * (Meetings = Webex, Calendar = Outlook through Graph, links, idempotency) that schedule() uses.
 * Pure types: nothing here imports a gateway, the store, restify or botbuilder.
 */

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

/** "the first … fourth", or -1: "the last" (Graph's index first…fourth, last). */
export type WeekOfMonth = 1 | 2 | 3 | 4 | -1;

/** A series, as both Graph's patternedRecurrence and an RRULE can express it. */
export interface Recurrence {
  frequency: "daily" | "weekly" | "monthly";
  interval: number;
  /** weekly: which days. */
  daysOfWeek?: Weekday[];
  /** monthly on a date (absoluteMonthly). */
  dayOfMonth?: number;
  /**
   * monthly on the nth weekday instead of a date (relativeMonthly, RRULE BYDAY=1TU): 1–4, or -1
   * for the last; `daysOfWeek` then holds that one weekday.
   */
  weekOfMonth?: WeekOfMonth;
  /** End: a number of occurrences, or a last date (YYYY-MM-DD, local), or neither (no end). */
  count?: number;
  until?: string;
}

export type InviteeSource = "directory" | "typed" | "channel" | "contact-folder" | "group" | "contact";

export interface Invitee {
  email: string;
  displayName?: string;
  source: InviteeSource;
  /** Entra object id when the person is in the tenant's directory. */
  aadObjectId?: string;
  /** Outside the organizer's verified domains. */
  external?: boolean;
}

/** A piece of the request that did not become an invitee yet — the card asks about it. */
export interface UnresolvedInvitee {
  text: string;
  reason: "ambiguous" | "not-found" | "not-permitted" | "invalid-email";
  candidates?: Invitee[];
}

export interface Organizer {
  tenantId: string;
  /** Entra object id. */
  userId: string;
  displayName?: string;
  /** The organizer's Microsoft address (excluded from invitees). */
  email?: string;
  /** The organizer's matched Webex e-mail (the host). */
  webexEmail?: string;
}

/**
 * What the user asked for, as far as it could be read. Null fields are not guessed: the draft
 * card asks for them.
 */
export interface MeetingDraft {
  /** Stable per draft: the Graph transactionId and the idempotency key of schedule(). */
  id: string;
  organizer: Organizer;
  title: string | null;
  /** Local date in `timeZone`, YYYY-MM-DD. */
  date: string | null;
  /** Local time in `timeZone`, HH:mm (24 h). */
  startTime: string | null;
  durationMinutes: number | null;
  /** IANA zone (from the Teams activity's localTimezone). */
  timeZone: string;
  recurrence: Recurrence | null;
  agenda: string;
  invitees: Invitee[];
  unresolved: UnresolvedInvitee[];
  /** The client's locale, e.g. "sv-SE": the language of cards and of the event body. */
  locale: string;
}

/** The Webex side of a scheduled meeting (join details go into the calendar event body). */
export interface CreatedMeeting {
  id: string;
  meetingNumber: string;
  webLink: string;
  sipAddress?: string;
  password?: string;
  /** Dial-in numbers, as Webex lists them. */
  callInNumbers?: { label: string; number: string }[];
  accessCode?: string;
}

export interface CreatedEvent {
  id: string;
  iCalUId: string;
  webLink?: string;
}

/** The outcome a user sees on the card; stored under the draft id so a repeat returns it. */
export interface ScheduledMeeting {
  draftId: string;
  title: string;
  /** ISO 8601 with offset, in the draft's zone. */
  start: string;
  end: string;
  timeZone: string;
  recurrence: Recurrence | null;
  webex: CreatedMeeting;
  event: CreatedEvent;
  inviteeCount: number;
}
