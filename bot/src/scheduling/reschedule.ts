/**
 * rescheduleMeeting(): move a scheduled meeting to a new time in both places.
 *
 *   validate → read the event (its current time) → PATCH the Outlook event → PATCH the Webex
 *   meeting → refresh the link's syncedHash
 *
 * Outlook goes first: moving the event is what sends the update to the invitees, and if Outlook
 * refuses nothing has changed anywhere. If Webex then refuses, the event is put back at its old
 * time (compensation) so that the invitation and the Webex meeting keep agreeing; the typed error
 * says whether that worked. Repeating the same reschedule is harmless: an event already at the
 * new time is not patched again (no second update mail), Webex is simply set to the same times.
 * Only single meetings: moving a series' start would need its recurrence range moved as well.
 */
import { DRAFT_LIMITS } from "./limits";
import { requestIdOf, statusOf } from "./errors";
import type { GraphDateTime, RescheduleCalendarPort, RescheduleLinksPort, RescheduleMeetingsPort } from "./ports";
import { syncHash } from "./sync-hash";
import { formatIsoInZone, graphDateTimeInZone, graphDateTimeToInstant, isValidTimeZone, localDateAt, parseLocalDate, parseLocalTime, zonedToInstant } from "./time";
import type { DraftProblem } from "./validate";
import type { SchedulingLogger } from "./webex-step";

export interface RescheduleDeps {
  calendar: RescheduleCalendarPort;
  meetings: RescheduleMeetingsPort;
  links: RescheduleLinksPort;
  logger?: SchedulingLogger;
}

export interface RescheduleRequest {
  /** Whose calendar holds the event (the link's key). */
  tenantId: string;
  userId: string;
  eventId: string;
  webexMeetingId: string;
  /** Tenant mode with a service token: the host to act for. */
  hostEmail?: string;
  /** Local date (YYYY-MM-DD) and time (HH:mm) in `timeZone`. */
  date: string;
  startTime: string;
  durationMinutes: number;
  /** IANA zone the user plans in; both Outlook and Webex get the new time in it. */
  timeZone: string;
  now: Date;
}

/** The problems a reschedule can have: the when-fields of the draft card, same codes. */
export type RescheduleProblem = Extract<DraftProblem, { field: "date" | "startTime" | "durationMinutes" | "timeZone" }>;

export type RescheduleErrorKind =
  /** The new time is not acceptable (problems say why). Nothing changed. */
  | "invalid"
  /** The event is gone, or does not carry this Webex meeting. Nothing changed. */
  | "not-found"
  /** A series or one of its occurrences: not supported here. Nothing changed. */
  | "series"
  /** Outlook refused the move. Nothing changed. */
  | "calendar-failed"
  /** Webex refused after Outlook moved; `restore` says whether the event is back at its old time. */
  | "webex-failed";

export class RescheduleError extends Error {
  readonly kind: RescheduleErrorKind;
  readonly problems: RescheduleProblem[];
  readonly restore: "restored" | "failed" | undefined;
  readonly requestId: string | undefined;
  readonly status: number | undefined;

  constructor(kind: RescheduleErrorKind, message: string, details: { cause?: unknown; problems?: RescheduleProblem[]; restore?: "restored" | "failed" } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "RescheduleError";
    this.kind = kind;
    this.problems = details.problems ?? [];
    this.restore = details.restore;
    this.requestId = requestIdOf(details.cause);
    this.status = statusOf(details.cause);
  }
}

export interface RescheduledMeeting {
  eventId: string;
  webexMeetingId: string;
  subject: string;
  start: Date;
  end: Date;
  /** ISO 8601 with the zone's offset. */
  startIso: string;
  endIso: string;
  timeZone: string;
  /** The event's changeKey after the move (unchanged when it was already there). */
  changeKey: string | undefined;
}

export async function rescheduleMeeting(deps: RescheduleDeps, request: RescheduleRequest): Promise<RescheduledMeeting> {
  const when = checkWhen(request);
  if (!when.ok) throw new RescheduleError("invalid", "the new time is not acceptable", { problems: when.problems });
  const { start, end } = when;
  const tz = request.timeZone;
  const { eventId, webexMeetingId, hostEmail } = request;

  const event = await deps.calendar.getEvent(eventId, tz);
  if (!event || (event.webexMeetingId !== null && event.webexMeetingId !== webexMeetingId)) {
    throw new RescheduleError("not-found", "the event is gone or carries another Webex meeting");
  }
  if (event.type !== "singleInstance") throw new RescheduleError("series", "moving a series is not supported here");

  const old: { start: GraphDateTime; end: GraphDateTime } = { start: { dateTime: event.start, timeZone: event.timeZone }, end: { dateTime: event.end, timeZone: event.timeZone } };
  const oldStart = graphDateTimeToInstant(event.start, event.timeZone);
  const oldEnd = graphDateTimeToInstant(event.end, event.timeZone);
  // A repeat (double click, retry after Webex failed to answer): Outlook already shows the new
  // time, and patching again would mail every invitee once more.
  const alreadyThere = oldStart?.getTime() === start.getTime() && oldEnd?.getTime() === end.getTime();

  let changeKey: string | undefined;
  if (!alreadyThere) {
    try {
      changeKey = (await deps.calendar.updateEvent(eventId, { start: { dateTime: graphDateTimeInZone(start, tz), timeZone: tz }, end: { dateTime: graphDateTimeInZone(end, tz), timeZone: tz } })).changeKey;
    } catch (cause) {
      throw new RescheduleError("calendar-failed", "moving the Outlook event failed", { cause });
    }
  }

  const startIso = formatIsoInZone(start, tz);
  const endIso = formatIsoInZone(end, tz);
  try {
    await deps.meetings.update(webexMeetingId, { start: startIso, end: endIso, timeZone: tz }, hostEmail);
  } catch (cause) {
    const restore = alreadyThere ? "restored" : await putBack(deps, eventId, old);
    throw new RescheduleError("webex-failed", "moving the Webex meeting failed", { cause, restore });
  }

  await refreshLink(deps, request, event.iCalUId, { subject: event.subject, start, end, timeZone: tz });
  deps.logger?.info({ eventId, webexMeetingId, repeated: alreadyThere }, "meeting rescheduled");
  return { eventId, webexMeetingId, subject: event.subject, start, end, startIso, endIso, timeZone: tz, changeKey };
}

/** The compensation: the event back at the time it had (Outlook mails the invitees again). */
async function putBack(deps: RescheduleDeps, eventId: string, old: { start: GraphDateTime; end: GraphDateTime }): Promise<"restored" | "failed"> {
  try {
    await deps.calendar.updateEvent(eventId, old);
    return "restored";
  } catch (error) {
    deps.logger?.error({ err: error, eventId }, "could not put the Outlook event back after Webex refused the move");
    return "failed";
  }
}

/**
 * The new fingerprint, so the calendar sync recognises the move as our own write. Both sides are
 * already moved: a failure here costs at most one redundant (same-value) Webex update by the sync,
 * so it is logged, not thrown.
 */
async function refreshLink(deps: RescheduleDeps, request: RescheduleRequest, iCalUId: string, fields: { subject: string; start: Date; end: Date; timeZone: string }): Promise<void> {
  try {
    const link = await deps.links.get(request.tenantId, request.userId, request.eventId);
    await deps.links.upsert({
      tenantId: request.tenantId,
      userId: request.userId,
      eventId: request.eventId,
      iCalUId: link?.iCalUId ?? iCalUId,
      webexMeetingId: request.webexMeetingId,
      seriesMasterId: link?.seriesMasterId ?? null,
      originalStart: link?.originalStart ?? null,
      syncedHash: syncHash({ ...fields, recurrence: null }),
    });
  } catch (error) {
    deps.logger?.warn({ err: error, eventId: request.eventId }, "could not refresh the link's sync hash after a reschedule");
  }
}

type WhenCheck = { ok: true; start: Date; end: Date } | { ok: false; problems: RescheduleProblem[] };

/** The draft's rules for the when-fields (validate.ts), without the rest of a draft. */
export function checkWhen(request: Pick<RescheduleRequest, "date" | "startTime" | "durationMinutes" | "timeZone" | "now">): WhenCheck {
  const problems: RescheduleProblem[] = [];
  const { minDurationMinutes: min, maxDurationMinutes: max } = DRAFT_LIMITS;
  if (!parseLocalDate(request.date)) problems.push({ field: "date", code: request.date === "" ? "missing" : "invalid" });
  if (!parseLocalTime(request.startTime)) problems.push({ field: "startTime", code: request.startTime === "" ? "missing" : "invalid" });
  if (!isValidTimeZone(request.timeZone)) problems.push({ field: "timeZone", code: "invalid" });
  const minutes = request.durationMinutes;
  if (!Number.isInteger(minutes)) problems.push({ field: "durationMinutes", code: "invalid" });
  else if (minutes < min) problems.push({ field: "durationMinutes", code: "too-short", min });
  else if (minutes > max) problems.push({ field: "durationMinutes", code: "too-long", max });
  if (problems.some((p) => p.field !== "durationMinutes")) return { ok: false, problems };

  const zoned = zonedToInstant(request.date, request.startTime, request.timeZone);
  if (!zoned.ok) return { ok: false, problems: [...problems, { field: "startTime", code: "nonexistent-local-time" }] };
  if (zoned.instant.getTime() <= request.now.getTime()) {
    problems.push({ field: request.date < localDateAt(request.now, request.timeZone) ? "date" : "startTime", code: "in-past" });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, start: zoned.instant, end: new Date(zoned.instant.getTime() + minutes * 60_000) };
}
