import { z } from "zod";
import { parseRRule, type RRule } from "../rrule";
import { floorToMinute, isValidTimeZone, MINUTE_MS, parseIsoDateTime } from "../time";

/**
 * Request bodies of POST/PATCH/PUT /v1/meetings (CreateMeetingObject, PatchMeetingObject,
 * UpdateMeetingObject in the official OpenAPI) and the rules Webex enforces on them
 * (developer.webex.com "Create a Meeting"): title ≤ 128, agenda ≤ 1300, start not in the
 * past, 10 min ≤ duration ≤ 23 h 59 min, ≤ 1000 invitees, ≤ 3 integration tags of ≤ 64
 * characters, a valid IANA time zone and recurrence rule.
 */

const Settings = {
  enabledAutoRecordMeeting: z.boolean().optional(),
  allowAnyUserToBeCoHost: z.boolean().optional(),
  enabledJoinBeforeHost: z.boolean().optional(),
  enableConnectAudioBeforeHost: z.boolean().optional(),
  joinBeforeHostMinutes: z.union([z.literal(0), z.literal(5), z.literal(10), z.literal(15)]).optional(),
  excludePassword: z.boolean().optional(),
  publicMeeting: z.boolean().optional(),
  reminderTime: z.number().int().min(0).optional(),
  unlockedMeetingJoinSecurity: z.enum(["allowJoin", "allowJoinWithLobby", "blockFromJoin"]).optional(),
  enableAutomaticLock: z.boolean().optional(),
  automaticLockMinutes: z.number().int().min(0).optional(),
  allowFirstUserToBeCoHost: z.boolean().optional(),
  allowAuthenticatedDevices: z.boolean().optional(),
  enabledBreakoutSessions: z.boolean().optional(),
};

const Invitee = z.object({
  email: z.string(),
  displayName: z.string().optional(),
  coHost: z.boolean().optional(),
  panelist: z.boolean().optional(),
});

export const CreateBody = z.object({
  title: z.string().optional(),
  agenda: z.string().optional(),
  password: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  timezone: z.string().optional(),
  recurrence: z.string().optional(),
  invitees: z.array(Invitee).optional(),
  sendEmail: z.boolean().optional(),
  hostEmail: z.string().optional(),
  siteUrl: z.string().optional(),
  integrationTags: z.array(z.string()).optional(),
  scheduledType: z.enum(["meeting", "webinar", "personalRoomMeeting"]).optional(),
  adhoc: z.boolean().optional(),
  roomId: z.string().optional(),
  templateId: z.string().optional(),
  ...Settings,
});
export type CreateBody = z.infer<typeof CreateBody>;

/** PATCH and PUT: `agenda` and `recurrence` may be null to remove them. */
export const UpdateBody = z.object({
  title: z.string().optional(),
  agenda: z.string().nullable().optional(),
  password: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  timezone: z.string().optional(),
  recurrence: z.string().nullable().optional(),
  sendEmail: z.boolean().optional(),
  hostEmail: z.string().optional(),
  integrationTags: z.array(z.string()).optional(),
  ...Settings,
});
export type UpdateBody = z.infer<typeof UpdateBody>;

/** zod issues → Webex error descriptions. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

export function checkTitle(title: string | undefined, errors: string[]): void {
  if (title === undefined || title.trim() === "") errors.push("title: Meeting title is required.");
  else if (title.length > 128) errors.push("title: The meeting title can be a maximum of 128 characters long.");
}

export function checkAgenda(agenda: string | null | undefined, errors: string[]): void {
  if (typeof agenda === "string" && agenda.length > 1300) errors.push("agenda: The agenda can be a maximum of 1300 characters long.");
}

/**
 * The sandbox site's password rule (Webex applies each site's complexity settings): 8–32
 * characters without spaces, mixing upper- and lower-case letters and digits.
 */
export function checkPassword(password: string | undefined, errors: string[]): void {
  if (password === undefined) return;
  if (password.length < 8 || password.length > 32 || /\s/.test(password)) {
    errors.push("Meeting password validation failed. The password must be 8 to 32 characters long and contain no spaces.");
  } else if (!/[a-z]/.test(password) || !/[A-Z]/.test(password)) {
    errors.push("Meeting password validation failed. A mix of uppercase and lowercase letters (A, a, B, b, C, c, etc.) is required.");
  } else if (!/[0-9]/.test(password)) {
    errors.push("Meeting password validation failed. A mix of letters and numbers is required.");
  }
}

export function checkTimeZone(tz: string | undefined, errors: string[]): void {
  if (tz !== undefined && !isValidTimeZone(tz)) errors.push(`timezone: "${tz}" is not a valid IANA time zone.`);
}

export function checkTags(tags: string[] | undefined, errors: string[]): void {
  if (!tags) return;
  if (tags.length > 3) errors.push("integrationTags: The maximum size of integrationTags is 3.");
  if (tags.some((t) => t.length > 64 || t.length === 0)) errors.push("integrationTags: Each integration tag must be 1 to 64 characters long.");
}

export function checkInvitees(invitees: z.infer<typeof Invitee>[] | undefined, errors: string[]): void {
  if (!invitees) return;
  if (invitees.length > 1000) errors.push("invitees: The maximum size of invitees is 1000.");
  invitees.forEach((inv, i) => {
    if (!isEmail(inv.email)) errors.push(`invitees[${i}].email: "${inv.email}" is not a valid email address.`);
    if ((inv.displayName ?? "").length > 128) errors.push(`invitees[${i}].displayName: The maximum length of displayName is 128 characters.`);
  });
}

export function checkRecurrence(text: string | null | undefined, tz: string, errors: string[]): { text: string; rule: RRule } | undefined {
  if (text === null || text === undefined) return undefined;
  const parsed = parseRRule(text, tz);
  if (!parsed.ok) {
    errors.push(`recurrence: ${parsed.description}`);
    return undefined;
  }
  return { text: text.trim().replace(/^RRULE:/i, ""), rule: parsed.rule };
}

export const MIN_DURATION_MS = 10 * MINUTE_MS;
export const MAX_DURATION_MS = (23 * 60 + 59) * MINUTE_MS;

/**
 * Start and end as Webex stores them: accurate to the minute; a start within the current
 * minute (or, in the sandbox, within `graceMs` in the past) moves to the next minute.
 * `startIsNew` is false when an update leaves an existing start alone, which may be past.
 */
export function resolveTimes(
  start: { ms: number; isNew: boolean },
  endMs: number,
  nowMs: number,
  graceMs: number,
  errors: string[],
): { startMs: number; endMs: number } | undefined {
  let startMs = start.ms;
  if (start.isNew) {
    if (startMs < nowMs - graceMs) {
      errors.push("start: The start date and time cannot be before the current date and time.");
      return undefined;
    }
    startMs = floorToMinute(startMs) <= floorToMinute(nowMs) ? floorToMinute(nowMs) + MINUTE_MS : floorToMinute(startMs);
  }
  const end = floorToMinute(endMs);
  if (end <= startMs) {
    errors.push("end: The end date and time cannot be before the start date and time.");
    return undefined;
  }
  if (end - startMs < MIN_DURATION_MS) errors.push("Duration between start and end cannot be shorter than 10 minutes.");
  else if (end - startMs > MAX_DURATION_MS) errors.push("Duration between start and end cannot be longer than 23 hours and 59 minutes.");
  return errors.length > 0 ? undefined : { startMs, endMs: end };
}

/** Parses an ISO 8601 value, reading one without offset in `tz`; records an error when bad. */
export function parseTime(field: "start" | "end", text: string | undefined, tz: string, errors: string[]): number | undefined {
  if (text === undefined) {
    errors.push(`${field}: Meeting ${field} time is required.`);
    return undefined;
  }
  const ms = parseIsoDateTime(text, tz);
  if (ms === undefined) errors.push(`${field}: "${text}" is not a valid ISO 8601 date and time.`);
  return ms;
}
