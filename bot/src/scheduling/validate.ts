/**
 * Is a draft ready to schedule? Pure: every problem names the card field it belongs to, with a
 * code and the data a message needs (the card layer localises). A valid draft becomes a
 * ValidMeeting carrying everything schedule() sends: instants, ISO/Graph times, cleaned invitees.
 */
import { DRAFT_LIMITS } from "./limits";
import type { GraphDateTime } from "./ports";
import { normaliseRecurrence, type RecurrenceProblemCode } from "./recurrence-rules";
import { formatIsoInZone, graphDateTimeInZone, isMeetingTimeZone, localDateAt, parseLocalDate, parseLocalTime, zonedToInstant } from "./time";
import type { Invitee, MeetingDraft, Organizer, Recurrence } from "./types";

export type DraftField = "title" | "date" | "startTime" | "durationMinutes" | "timeZone" | "recurrence" | "agenda" | "invitees" | "organizer";

export type DraftProblem =
  | { field: "title"; code: "missing" }
  | { field: "title"; code: "too-long"; max: number; length: number }
  | { field: "agenda"; code: "too-long"; max: number; length: number }
  | { field: "date"; code: "missing" | "invalid" }
  | { field: "startTime"; code: "missing" | "invalid" | "nonexistent-local-time" }
  /** On the date when the day itself is over, else on the time. */
  | { field: "date" | "startTime"; code: "in-past" }
  | { field: "durationMinutes"; code: "missing" | "invalid" }
  | { field: "durationMinutes"; code: "too-short"; min: number }
  | { field: "durationMinutes"; code: "too-long"; max: number }
  | { field: "timeZone"; code: "invalid" }
  | { field: "recurrence"; code: RecurrenceProblemCode }
  | { field: "invitees"; code: "too-many"; max: number; count: number }
  | { field: "invitees"; code: "unresolved"; texts: string[] }
  | { field: "organizer"; code: "not-matched" };

/** A draft that passed validation, with everything derived that schedule() needs. */
export interface ValidMeeting {
  draftId: string;
  organizer: Organizer & { webexEmail: string };
  title: string;
  agenda: string;
  locale: string;
  timeZone: string;
  /** Local date and time as typed (the series' start date for Graph). */
  date: string;
  startTime: string;
  durationMinutes: number;
  start: Date;
  end: Date;
  /** ISO 8601 with the zone's offset (Webex). */
  startIso: string;
  endIso: string;
  /** Wall clock in the draft's zone (Graph). */
  graphStart: GraphDateTime;
  graphEnd: GraphDateTime;
  /** Normalised: weekly has its days, monthly its date. */
  recurrence: Recurrence | null;
  /** Deduplicated by address, the organizer left out (they host). */
  invitees: Invitee[];
}

export type DraftValidation = { ok: true; meeting: ValidMeeting } | { ok: false; problems: DraftProblem[] };

export interface ValidateOptions {
  now: Date;
  /** Default DRAFT_LIMITS.maxInvitees (Webex's 1000). */
  maxInvitees?: number;
}

export function validateDraft(draft: MeetingDraft, options: ValidateOptions): DraftValidation {
  const problems: DraftProblem[] = [];
  const title = (draft.title ?? "").trim();
  if (title === "") problems.push({ field: "title", code: "missing" });
  else if (title.length > DRAFT_LIMITS.titleMaxLength) problems.push({ field: "title", code: "too-long", max: DRAFT_LIMITS.titleMaxLength, length: title.length });
  const agenda = draft.agenda.trim();
  if (agenda.length > DRAFT_LIMITS.agendaMaxLength) problems.push({ field: "agenda", code: "too-long", max: DRAFT_LIMITS.agendaMaxLength, length: agenda.length });

  const when = checkStart(draft, options.now, problems);
  const duration = checkDuration(draft.durationMinutes, problems);

  let recurrence: Recurrence | null = null;
  if (draft.recurrence !== null && draft.date !== null && when !== undefined) {
    const normalised = normaliseRecurrence(draft.recurrence, draft.date);
    if (normalised.ok) recurrence = normalised.recurrence;
    else problems.push(...normalised.problems.map((code) => ({ field: "recurrence" as const, code })));
  }

  const invitees = cleanInvitees(draft.invitees, draft.organizer);
  const maxInvitees = options.maxInvitees ?? DRAFT_LIMITS.maxInvitees;
  if (invitees.length > maxInvitees) problems.push({ field: "invitees", code: "too-many", max: maxInvitees, count: invitees.length });
  if (draft.unresolved.length > 0) problems.push({ field: "invitees", code: "unresolved", texts: draft.unresolved.map((u) => u.text) });

  const webexEmail = draft.organizer.webexEmail?.trim() ?? "";
  if (webexEmail === "") problems.push({ field: "organizer", code: "not-matched" });

  if (problems.length > 0 || when === undefined || duration === undefined || draft.date === null || draft.startTime === null) {
    return { ok: false, problems };
  }
  const end = new Date(when.getTime() + duration * 60_000);
  const tz = draft.timeZone;
  return {
    ok: true,
    meeting: {
      draftId: draft.id,
      organizer: { ...draft.organizer, webexEmail },
      title,
      agenda,
      locale: draft.locale,
      timeZone: tz,
      date: draft.date,
      startTime: draft.startTime,
      durationMinutes: duration,
      start: when,
      end,
      startIso: formatIsoInZone(when, tz),
      endIso: formatIsoInZone(end, tz),
      graphStart: { dateTime: graphDateTimeInZone(when, tz), timeZone: tz },
      graphEnd: { dateTime: graphDateTimeInZone(end, tz), timeZone: tz },
      recurrence,
      invitees,
    },
  };
}

function checkDuration(minutes: number | null, problems: DraftProblem[]): number | undefined {
  const problem = durationProblem(minutes);
  if (problem) problems.push(problem);
  return problem || minutes === null ? undefined : minutes;
}

function durationProblem(minutes: number | null): DraftProblem | undefined {
  const { minDurationMinutes: min, maxDurationMinutes: max } = DRAFT_LIMITS;
  if (minutes === null) return { field: "durationMinutes", code: "missing" };
  if (!Number.isInteger(minutes)) return { field: "durationMinutes", code: "invalid" };
  if (minutes < min) return { field: "durationMinutes", code: "too-short", min };
  if (minutes > max) return { field: "durationMinutes", code: "too-long", max };
  return undefined;
}

/** The start instant, or undefined with the reasons pushed. */
function checkStart(draft: MeetingDraft, now: Date, problems: DraftProblem[]): Date | undefined {
  const before = problems.length;
  if (draft.date === null) problems.push({ field: "date", code: "missing" });
  else if (!parseLocalDate(draft.date)) problems.push({ field: "date", code: "invalid" });
  if (draft.startTime === null) problems.push({ field: "startTime", code: "missing" });
  else if (!parseLocalTime(draft.startTime)) problems.push({ field: "startTime", code: "invalid" });
  if (!isMeetingTimeZone(draft.timeZone)) problems.push({ field: "timeZone", code: "invalid" });
  if (problems.length > before || draft.date === null || draft.startTime === null) return undefined;

  const zoned = zonedToInstant(draft.date, draft.startTime, draft.timeZone);
  if (!zoned.ok) {
    // Only the spring-forward gap is left once the parts are known to be well formed.
    problems.push({ field: "startTime", code: "nonexistent-local-time" });
    return undefined;
  }
  if (zoned.instant.getTime() > now.getTime()) return zoned.instant;
  // A date before today is the date's fault; today with a passed hour is the time's.
  const today = localDateAt(now, draft.timeZone);
  problems.push({ field: draft.date < today ? "date" : "startTime", code: "in-past" });
  return undefined;
}

function cleanInvitees(invitees: readonly Invitee[], organizer: Organizer): Invitee[] {
  const own = new Set([organizer.email, organizer.webexEmail].filter((e): e is string => !!e).map(addressKey));
  const seen = new Set<string>();
  const kept: Invitee[] = [];
  for (const invitee of invitees) {
    const key = addressKey(invitee.email);
    if (key === "" || own.has(key) || seen.has(key)) continue;
    seen.add(key);
    kept.push({ ...invitee, email: invitee.email.trim() });
  }
  return kept;
}

const addressKey = (email: string): string => email.trim().toLowerCase();
