import type { WebexPerson } from "../directory";
import { occurrenceStarts, type RRule } from "../rrule";
import { compactUtc, parseCompactUtc } from "../time";

/**
 * How the emulator holds a meeting. Webex models every scheduled meeting as a *series*
 * (`meetingType: "meetingSeries"`, even with a single occurrence); its *scheduled meetings*
 * (occurrences) have ids "<seriesId>_<original UTC start>". Per-occurrence edits and
 * deletions are kept as exceptions keyed by that original start, so occurrence ids stay stable
 * when an occurrence is moved.
 */

export type JoinSecurity = "allowJoin" | "allowJoinWithLobby" | "blockFromJoin";

export interface MeetingSettings {
  enabledAutoRecordMeeting: boolean;
  allowAnyUserToBeCoHost: boolean;
  enabledJoinBeforeHost: boolean;
  enableConnectAudioBeforeHost: boolean;
  joinBeforeHostMinutes: number;
  excludePassword: boolean;
  publicMeeting: boolean;
  reminderTime: number;
  unlockedMeetingJoinSecurity: JoinSecurity;
  enableAutomaticLock: boolean;
  automaticLockMinutes: number;
  allowFirstUserToBeCoHost: boolean;
  allowAuthenticatedDevices: boolean;
  enabledBreakoutSessions: boolean;
}

/** Webex's defaults for a meeting created without those options. */
export const DEFAULT_SETTINGS: MeetingSettings = {
  enabledAutoRecordMeeting: false,
  allowAnyUserToBeCoHost: false,
  enabledJoinBeforeHost: false,
  enableConnectAudioBeforeHost: false,
  joinBeforeHostMinutes: 0,
  excludePassword: false,
  publicMeeting: false,
  reminderTime: 10,
  unlockedMeetingJoinSecurity: "allowJoin",
  enableAutomaticLock: false,
  automaticLockMinutes: 0,
  allowFirstUserToBeCoHost: false,
  allowAuthenticatedDevices: false,
  enabledBreakoutSessions: false,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof MeetingSettings)[];

export interface Invitee {
  email: string;
  displayName: string;
  coHost: boolean;
  panelist: boolean;
}

export interface OccurrenceOverride {
  title?: string;
  agenda?: string | null;
  password?: string;
  startMs?: number;
  endMs?: number;
}

export type OccurrenceException = { deleted: true } | { deleted: false; override: OccurrenceOverride };

export interface MeetingRecord {
  id: string;
  meetingNumber: string;
  title: string;
  agenda?: string;
  password: string;
  phoneAndVideoSystemPassword: string;
  timezone: string;
  /** Start and end of the first occurrence. */
  startMs: number;
  endMs: number;
  recurrence?: { text: string; rule: RRule };
  host: WebexPerson;
  hostKey: string;
  invitees: Invitee[];
  sendEmail: boolean;
  /** Visible to, and filterable by, the creating client only. */
  integrationTags: string[];
  createdByClientId: string;
  /** The person whose token created the meeting (the host, or an admin). */
  createdByPersonId: string;
  createdAtMs: number;
  lastModifiedMs: number;
  /** The MTID in the join link. */
  mtid: string;
  settings: MeetingSettings;
  /** Keyed by the occurrence's original UTC start in compact form. */
  exceptions: Map<string, OccurrenceException>;
}

export interface Occurrence {
  key: string;
  id: string;
  patternStartMs: number;
  startMs: number;
  endMs: number;
  title: string;
  agenda?: string;
  password: string;
  modified: boolean;
}

const OCCURRENCE_ID = /^([0-9a-f]{32})_(\d{8}T\d{6}Z)$/;

export function splitMeetingId(id: string): { seriesId: string; key?: string } {
  const m = OCCURRENCE_ID.exec(id);
  return m ? { seriesId: m[1]!, key: m[2]! } : { seriesId: id };
}

/** Pattern starts of the series: one for a single meeting, the expanded rule otherwise. */
export function* patternStarts(m: MeetingRecord): Generator<number> {
  if (!m.recurrence) {
    yield m.startMs;
    return;
  }
  yield* occurrenceStarts(m.recurrence.rule, m.startMs, m.timezone);
}

/** The occurrence at a pattern start, with its exception applied; undefined when deleted. */
export function occurrenceAt(m: MeetingRecord, patternStartMs: number): Occurrence | undefined {
  const key = compactUtc(patternStartMs);
  const ex = m.exceptions.get(key);
  if (ex?.deleted) return undefined;
  const o = ex?.override ?? {};
  const startMs = o.startMs ?? patternStartMs;
  const agenda = o.agenda === null ? undefined : (o.agenda ?? m.agenda);
  return {
    key,
    id: `${m.id}_${key}`,
    patternStartMs,
    startMs,
    endMs: o.endMs ?? startMs + (m.endMs - m.startMs),
    title: o.title ?? m.title,
    ...(agenda !== undefined ? { agenda } : {}),
    password: o.password ?? m.password,
    modified: ex !== undefined,
  };
}

/** Whether `patternStartMs` is one of the series' pattern starts. */
export function isPatternStart(m: MeetingRecord, patternStartMs: number): boolean {
  for (const s of patternStarts(m)) {
    if (s === patternStartMs) return true;
    if (s > patternStartMs) return false;
  }
  return false;
}

export function findOccurrence(m: MeetingRecord, key: string): Occurrence | undefined {
  const ms = parseCompactUtc(key);
  if (ms === undefined || !isPatternStart(m, ms)) return undefined;
  return occurrenceAt(m, ms);
}

/** Occurrences overlapping [fromMs, toMs), moved ones included where they now are. */
export function occurrencesBetween(m: MeetingRecord, fromMs: number, toMs: number): Occurrence[] {
  const out: Occurrence[] = [];
  const overlaps = (o: Occurrence): boolean => o.endMs > fromMs && o.startMs < toMs;
  for (const s of patternStarts(m)) {
    if (s >= toMs) break;
    const o = occurrenceAt(m, s);
    if (o && overlaps(o)) out.push(o);
  }
  for (const [key, ex] of m.exceptions) {
    const patternStart = parseCompactUtc(key);
    if (ex.deleted || patternStart === undefined || patternStart < toMs) continue;
    const o = occurrenceAt(m, patternStart);
    if (o && overlaps(o)) out.push(o);
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** The occurrence in progress or next to come, as Webex's `current=true` picks it. */
export function currentOccurrence(m: MeetingRecord, nowMs: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const s of patternStarts(m)) {
    const o = occurrenceAt(m, s);
    if (o && o.endMs > nowMs && (!best || o.startMs < best.startMs)) best = o;
    if (best && s > best.startMs + 366 * 86_400_000) break;
  }
  return best;
}

export function hasRemainingOccurrence(m: MeetingRecord): boolean {
  for (const s of patternStarts(m)) if (occurrenceAt(m, s)) return true;
  return false;
}
