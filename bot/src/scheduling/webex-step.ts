/**
 * schedule()'s first side effect, made crash-safe: the Webex meeting is recorded in the scratchpad
 * under the schedule key before anything else happens, and a rerun of the same draft (after a
 * crash or a failed later step) picks it up instead of creating a second one.
 */
import { createHash } from "node:crypto";
import { ScheduleError } from "./errors";
import type { MeetingsPort, ScratchPort } from "./ports";
import { toRRule } from "./rrule";
import { pendingWebexSchema, type PendingWebex } from "./stored-schemas";
import type { CreatedMeeting } from "./types";
import type { ValidMeeting } from "./validate";

/** Structural subset of a pino logger. */
export interface SchedulingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WebexStepDeps {
  meetings: MeetingsPort;
  scratch: ScratchPort;
  logger?: SchedulingLogger;
}

type CreateInput = Parameters<MeetingsPort["create"]>[0];

export function webexCreateInput(m: ValidMeeting, hostEmail: string | undefined): CreateInput {
  return {
    title: m.title,
    start: m.startIso,
    end: m.endIso,
    timeZone: m.timeZone,
    ...(m.agenda !== "" ? { agenda: m.agenda } : {}),
    ...(m.recurrence !== null ? { recurrence: toRRule(m.recurrence, m.timeZone) } : {}),
    invitees: m.invitees.map(({ email, displayName }) => (displayName ? { email, displayName } : { email })),
    ...(hostEmail !== undefined ? { hostEmail } : {}),
  };
}

const hashInput = (input: CreateInput): string => createHash("sha256").update(JSON.stringify(input)).digest("hex");

/** The meeting a previous attempt left in the scratchpad, if any (unreadable entries count as none). */
export async function readPending(deps: WebexStepDeps, key: string): Promise<PendingWebex | undefined> {
  const raw = await deps.scratch.get(key);
  if (raw === undefined) return undefined;
  const parsed = pendingWebexSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  deps.logger?.warn({ key, issues: parsed.error.issues.length }, "ignoring an unreadable scheduling scratch entry");
  return undefined;
}

/** Creates the Webex meeting for `m`, or reuses the one a previous attempt made for the same input. */
export async function ensureWebexMeeting(deps: WebexStepDeps, key: string, m: ValidMeeting, hostEmail: string | undefined): Promise<CreatedMeeting> {
  const input = webexCreateInput(m, hostEmail);
  const inputHash = hashInput(input);
  const pending = await readPending(deps, key);
  if (pending?.inputHash === inputHash) {
    deps.logger?.info({ draftId: m.draftId, webexMeetingId: pending.webexMeeting.id }, "reusing the Webex meeting of an earlier attempt");
    return pending.webexMeeting;
  }
  if (pending) {
    // The draft changed since that attempt: its meeting has the wrong time or title.
    await discardWebexMeeting(deps, key, pending.webexMeeting.id, hostEmail, m.draftId);
  }

  let created: CreatedMeeting;
  try {
    created = await deps.meetings.create(input);
  } catch (cause) {
    throw new ScheduleError("webex-failed", "creating the Webex meeting failed", { cause });
  }
  try {
    await deps.scratch.set(key, { webexMeeting: created, inputHash } satisfies PendingWebex);
  } catch (error) {
    // Without the record a crash could orphan the meeting: undo it rather than go on.
    await deleteWebexQuietly(deps, created.id, hostEmail, m.draftId);
    throw error;
  }
  return created;
}

/** Best effort: "deleted" or "failed" (logged with the meeting id so an operator can clean up). */
export async function deleteWebexQuietly(
  deps: WebexStepDeps,
  webexMeetingId: string,
  hostEmail: string | undefined,
  draftId: string,
): Promise<"deleted" | "failed"> {
  try {
    await deps.meetings.delete(webexMeetingId, hostEmail);
    return "deleted";
  } catch (error) {
    deps.logger?.error({ err: error, draftId, webexMeetingId }, "could not delete the Webex meeting of a failed schedule; it is orphaned");
    return "failed";
  }
}

/** Deletes a leftover meeting and forgets it. */
export async function discardWebexMeeting(
  deps: WebexStepDeps,
  key: string,
  webexMeetingId: string,
  hostEmail: string | undefined,
  draftId: string,
): Promise<"deleted" | "failed"> {
  const outcome = await deleteWebexQuietly(deps, webexMeetingId, hostEmail, draftId);
  await clearScratchQuietly(deps, key);
  return outcome;
}

export async function clearScratchQuietly(deps: WebexStepDeps, key: string): Promise<void> {
  try {
    await deps.scratch.delete(key);
  } catch (error) {
    // A stale entry is harmless: its input hash or the completed claim keeps it from being reused wrongly.
    deps.logger?.warn({ err: error, key }, "could not clear a scheduling scratch entry");
  }
}
