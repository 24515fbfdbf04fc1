/**
 * What Webex and Graph accept, in one place so validation, the card and the tests agree.
 * Webex: https://developer.webex.com/docs/api/v1/meetings/create-a-meeting (title ≤ 128, agenda
 * ≤ 1300, 10 min ≤ duration ≤ 23 h 59 min, ≤ 1000 invitees).
 */
export const DRAFT_LIMITS = {
  titleMaxLength: 128,
  agendaMaxLength: 1300,
  minDurationMinutes: 10,
  /** Inclusive: a day (1440) is refused. */
  maxDurationMinutes: 24 * 60 - 1,
  /**
   * Webex's invitee cap. Outlook documents 500 attendees per event (WIRE.md); a caller that wants
   * the stricter bound passes `maxInvitees: 500` to validateDraft.
   */
  maxInvitees: 1000,
  /** Graph's patternedRecurrence.interval bound. */
  maxInterval: 999,
} as const;
