/**
 * cancelMeeting(): after the user confirmed on the card, remove the meeting everywhere.
 * The calendar event goes first — deleting it is what makes Outlook send the cancellation to the
 * invitees — then the Webex meeting, then our link. Each step treats "already gone" as done, so
 * a retry after a partial failure (or a second click) finishes the job instead of failing.
 */
import { CancelError } from "./errors";
import type { CalendarPort, EventLinksPort, MeetingsPort } from "./ports";
import type { SchedulingLogger } from "./webex-step";

export interface CancelDeps {
  meetings: MeetingsPort;
  calendar: CalendarPort;
  links: EventLinksPort;
  logger?: SchedulingLogger;
}

export interface CancelRequest {
  /** Whose calendar holds the event (the link's key). */
  tenantId: string;
  userId: string;
  eventId: string;
  webexMeetingId: string;
  /** Tenant mode with a service token: the host to act for. */
  hostEmail?: string;
}

export interface CancelOutcome {
  /** false when there was no link left (an earlier cancel got that far). */
  linkRemoved: boolean;
}

export async function cancelMeeting(deps: CancelDeps, request: CancelRequest): Promise<CancelOutcome> {
  const { tenantId, userId, eventId, webexMeetingId, hostEmail } = request;
  try {
    await deps.calendar.deleteEvent(eventId);
  } catch (cause) {
    // Nothing changed yet: the Webex meeting stays so the invitees' event keeps working.
    throw new CancelError("calendar-failed", "deleting the Outlook event failed", cause);
  }
  try {
    await deps.meetings.delete(webexMeetingId, hostEmail);
  } catch (cause) {
    // The link stays, so that a retry (or the sync reacting to the deleted event) finds the meeting.
    throw new CancelError("webex-failed", "deleting the Webex meeting failed", cause);
  }
  const linkRemoved = await deps.links.delete(tenantId, userId, eventId);
  deps.logger?.info({ eventId, webexMeetingId, linkRemoved }, "meeting cancelled");
  return { linkRemoved };
}
