/**
 * Drafts, kept requests and channel references in the store's key/value table, so that a draft
 * card still works after a restart or on another instance. Keys are scoped to the organizer:
 * nobody can press Schedule on someone else's draft by replaying its id. Everything read back is
 * parsed with zod (it crossed a process boundary; an older version may have written it).
 */
import { z } from "zod";
import { scheduledMeetingSchema } from "../../scheduling/stored-schemas";
import type { Invitee, MeetingDraft, ScheduledMeeting, UnresolvedInvitee } from "../../scheduling/types";
import type { UserRef } from "../../accounts/types";
import type { KeyValueRepo } from "../../store/types";

/** A field of the card flagged because the request named it but it could not be read. */
export type FlaggedField = "date" | "startTime" | "durationMinutes" | "recurrence";

export interface DraftRecord {
  draft: MeetingDraft;
  /** Names that did not become invitees and are not a choice (not found, not permitted…): explained. */
  skipped: UnresolvedInvitee[];
  /** Conversation members not invited yet. */
  suggestions: Invitee[];
  notices: string[];
  flagged: FlaggedField[];
  /** The organization's domains: a typed address outside them is marked as a guest. */
  verifiedDomains: string[];
  /** Set in channels and group chats: where the announcement goes after scheduling. */
  conversation?: Record<string, unknown>;
  /** The outcome, once scheduled: a repeat press shows it again. */
  result?: ScheduledMeeting;
}

export interface PendingRequest {
  text: string;
  locale: string;
  timeZone: string;
}

const invitee = z.object({
  email: z.string(),
  displayName: z.string().optional(),
  source: z.enum(["directory", "typed", "channel", "contact-folder", "group", "contact"]),
  aadObjectId: z.string().optional(),
  external: z.boolean().optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
});
const unresolved = z.object({
  text: z.string(),
  reason: z.enum(["ambiguous", "not-found", "not-permitted", "invalid-email"]),
  candidates: z.array(invitee).optional(),
});
const recurrence = z.object({
  frequency: z.enum(["daily", "weekly", "monthly"]),
  interval: z.number(),
  daysOfWeek: z.array(z.enum(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])).optional(),
  dayOfMonth: z.number().optional(),
  weekOfMonth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional(),
  count: z.number().optional(),
  until: z.string().optional(),
});
const draftSchema = z.object({
  id: z.string(),
  organizer: z.object({
    tenantId: z.string(),
    userId: z.string(),
    displayName: z.string().optional(),
    email: z.string().optional(),
    webexEmail: z.string().optional(),
  }),
  title: z.string().nullable(),
  date: z.string().nullable(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  timeZone: z.string(),
  recurrence: recurrence.nullable(),
  agenda: z.string(),
  invitees: z.array(invitee),
  unresolved: z.array(unresolved),
  locale: z.string(),
});
const recordSchema = z.object({
  draft: draftSchema,
  skipped: z.array(unresolved),
  suggestions: z.array(invitee),
  notices: z.array(z.string()),
  flagged: z.array(z.enum(["date", "startTime", "durationMinutes", "recurrence"])),
  verifiedDomains: z.array(z.string()),
  conversation: z.record(z.string(), z.unknown()).optional(),
  result: scheduledMeetingSchema.optional(),
});
const pendingSchema = z.object({ text: z.string(), locale: z.string(), timeZone: z.string() });

export const DRAFT_KEY_PREFIX = "scheduling/draft/";
const draftKey = (user: UserRef, draftId: string): string => `${DRAFT_KEY_PREFIX}${user.tenantId}/${user.userId}/${draftId}`;
const pendingKey = (user: UserRef): string => `scheduling/pending/${user.tenantId}/${user.userId}`;

export interface DraftStore {
  get(user: UserRef, draftId: string): Promise<DraftRecord | undefined>;
  put(user: UserRef, record: DraftRecord): Promise<void>;
  delete(user: UserRef, draftId: string): Promise<void>;
  /** The request a not-yet-connected user typed, kept until they press Continue. */
  keepRequest(user: UserRef, request: PendingRequest): Promise<void>;
  takeRequest(user: UserRef): Promise<PendingRequest | undefined>;
}

export function createDraftStore(keyValues: KeyValueRepo): DraftStore {
  async function read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const entry = (await keyValues.getMany([key])).get(key);
    if (!entry) return undefined;
    const parsed = schema.safeParse(entry.value);
    // An unreadable entry is treated as gone: the card then asks the user to start again.
    return parsed.success ? parsed.data : undefined;
  }
  return {
    get: (user, draftId) => read(draftKey(user, draftId), recordSchema) as Promise<DraftRecord | undefined>,
    async put(user, record) {
      await keyValues.putMany([{ key: draftKey(user, record.draft.id), value: record }]);
    },
    delete: (user, draftId) => keyValues.deleteMany([draftKey(user, draftId)]),
    async keepRequest(user, request) {
      await keyValues.putMany([{ key: pendingKey(user), value: request }]);
    },
    async takeRequest(user) {
      const found = await read(pendingKey(user), pendingSchema);
      if (found) await keyValues.deleteMany([pendingKey(user)]);
      return found;
    },
  };
}
