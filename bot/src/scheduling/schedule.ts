/**
 * schedule(): a valid draft becomes a Webex meeting plus the Outlook event that carries it.
 *
 *   claim the draft → validate → Webex meeting (recorded in scratch) → Graph event
 *   (transactionId = draft id, extended property = Webex id) → link → complete(result)
 *
 * Nothing doubled: a completed draft returns its stored result; a rerun after a crash reuses the
 * Webex meeting from scratch and Graph's transactionId makes the event create idempotent.
 * Nothing orphaned: if the calendar write fails (after the Graph client's own retries) the Webex
 * meeting is deleted again. Every failure releases the claim, so the user's retry runs at once.
 */
import { ScheduleError } from "./errors";
import { renderEventBody } from "./event-body";
import type { CalendarPort, EventLinksPort, IdempotencyPort, MeetingsPort, ScratchPort } from "./ports";
import { scheduledMeetingSchema } from "./stored-schemas";
import { syncHash } from "./sync-hash";
import type { CreatedEvent, MeetingDraft, Organizer, ScheduledMeeting } from "./types";
import { validateDraft, type ValidMeeting } from "./validate";
import { clearScratchQuietly, deleteWebexQuietly, discardWebexMeeting, ensureWebexMeeting, readPending, type SchedulingLogger } from "./webex-step";

export interface ScheduleDeps {
  meetings: MeetingsPort;
  calendar: CalendarPort;
  links: EventLinksPort;
  idempotency: IdempotencyPort;
  scratch: ScratchPort;
  now: () => Date;
  logger?: SchedulingLogger;
  /** How long a claim holds before another attempt may take over a crashed one. Default 2 min. */
  claimTtlMs?: number;
  /** Passed to validateDraft (default Webex's 1000). */
  maxInvitees?: number;
}

export interface ScheduleOptions {
  /** Tenant mode with a service token: the organizer's Webex address to schedule as. */
  hostEmail?: string;
}

export const DEFAULT_SCHEDULE_CLAIM_TTL_MS = 2 * 60_000;

/** Location shown in Outlook (not `@webex`: that Hybrid Calendar keyword would add a second meeting). */
export const EVENT_LOCATION = "Webex";

/**
 * The idempotency and scratch key of a draft. Scoped to the organizer so that nobody can read
 * another user's result by replaying their draft id.
 */
export function scheduleKey(organizer: Pick<Organizer, "tenantId" | "userId">, draftId: string): string {
  return `schedule:${organizer.tenantId}:${organizer.userId}:${draftId}`;
}

export async function schedule(deps: ScheduleDeps, draft: MeetingDraft, opts: ScheduleOptions = {}): Promise<ScheduledMeeting> {
  const key = scheduleKey(draft.organizer, draft.id);
  const claim = await deps.idempotency.claim(key, deps.claimTtlMs ?? DEFAULT_SCHEDULE_CLAIM_TTL_MS);
  if (claim.status === "completed") return storedResult(claim.result, key);
  if (claim.status === "in-progress") {
    throw new ScheduleError("in-progress", "this draft is already being scheduled", { claimExpiresAt: claim.expiresAt });
  }
  try {
    return await run(deps, key, draft, opts);
  } catch (error) {
    await releaseQuietly(deps, key);
    throw error;
  }
}

async function run(deps: ScheduleDeps, key: string, draft: MeetingDraft, opts: ScheduleOptions): Promise<ScheduledMeeting> {
  const validation = validateDraft(draft, { now: deps.now(), maxInvitees: deps.maxInvitees });
  if (!validation.ok) {
    // A crashed attempt may have left a meeting for a draft that is no longer valid (its start passed).
    const pending = await readPending(deps, key);
    if (pending) await discardWebexMeeting(deps, key, pending.webexMeeting.id, opts.hostEmail, draft.id);
    throw new ScheduleError("invalid", "the draft is not ready to schedule", { problems: validation.problems });
  }
  const m = validation.meeting;
  const webex = await ensureWebexMeeting(deps, key, m, opts.hostEmail);

  let event: CreatedEvent;
  try {
    event = await deps.calendar.createEvent(eventInput(m, webex));
  } catch (cause) {
    const webexCleanup = await deleteWebexQuietly(deps, webex.id, opts.hostEmail, m.draftId);
    await clearScratchQuietly(deps, key);
    throw new ScheduleError("calendar-failed", "adding the meeting to the Outlook calendar failed", { cause, webexCleanup });
  }

  // From here on both sides exist and agree; a failure below leaves scratch in place so that a
  // retry reuses the Webex meeting and Graph hands back the same event (same transactionId).
  const result: ScheduledMeeting = {
    draftId: m.draftId,
    title: m.title,
    start: m.startIso,
    end: m.endIso,
    timeZone: m.timeZone,
    recurrence: m.recurrence,
    webex,
    event,
    inviteeCount: m.invitees.length,
  };
  // For a series the created event is the series master: it is stored like a single event
  // (seriesMasterId and originalStart are only set for occurrences and exceptions, by the sync).
  await deps.links.upsert({
    tenantId: m.organizer.tenantId,
    userId: m.organizer.userId,
    eventId: event.id,
    iCalUId: event.iCalUId,
    webexMeetingId: webex.id,
    seriesMasterId: null,
    originalStart: null,
    syncedHash: syncHash({ subject: m.title, start: m.start, end: m.end, timeZone: m.timeZone, recurrence: m.recurrence }),
  });
  const completed = await deps.idempotency.complete(key, result);
  if (!completed) deps.logger?.warn({ draftId: m.draftId }, "the schedule claim had already completed elsewhere");
  await clearScratchQuietly(deps, key);
  deps.logger?.info(
    { draftId: m.draftId, webexMeetingId: webex.id, eventId: event.id, series: m.recurrence !== null, invitees: m.invitees.length },
    "meeting scheduled",
  );
  return result;
}

function eventInput(m: ValidMeeting, webex: ScheduledMeeting["webex"]): Parameters<CalendarPort["createEvent"]>[0] {
  return {
    transactionId: m.draftId,
    subject: m.title,
    start: m.graphStart,
    end: m.graphEnd,
    attendees: m.invitees.map(({ email, displayName }) => (displayName ? { email, displayName } : { email })),
    location: EVENT_LOCATION,
    bodyHtml: renderEventBody(webex, { locale: m.locale, agenda: m.agenda }),
    ...(m.recurrence !== null ? { recurrence: { recurrence: m.recurrence, startDate: m.date } } : {}),
    webexMeetingId: webex.id,
  };
}

function storedResult(result: unknown, key: string): ScheduledMeeting {
  const parsed = scheduledMeetingSchema.safeParse(result);
  if (!parsed.success) throw new Error(`the stored result of ${key} is unreadable`, { cause: parsed.error });
  return parsed.data;
}

async function releaseQuietly(deps: ScheduleDeps, key: string): Promise<void> {
  try {
    await deps.idempotency.release(key);
  } catch (error) {
    // The claim then lapses after its ttl; the original failure is what the caller must see.
    deps.logger?.warn({ err: error, key }, "could not release a schedule claim");
  }
}
