/**
 * What schedule() keeps in the store between calls — the completed result under the idempotency
 * key and the half-done step in the scratchpad — parsed back with zod like any other payload that
 * crossed a process boundary (a restart, another instance, an older version of this code).
 */
import { z } from "zod";
import type { CreatedMeeting, ScheduledMeeting } from "./types";

const weekday = z.enum(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

const recurrenceSchema = z.object({
  frequency: z.enum(["daily", "weekly", "monthly"]),
  interval: z.number().int().positive(),
  daysOfWeek: z.array(weekday).optional(),
  dayOfMonth: z.number().int().optional(),
  weekOfMonth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional(),
  count: z.number().int().optional(),
  until: z.string().optional(),
});

export const createdMeetingSchema = z.object({
  id: z.string().min(1),
  meetingNumber: z.string(),
  webLink: z.string(),
  sipAddress: z.string().optional(),
  password: z.string().optional(),
  callInNumbers: z.array(z.object({ label: z.string(), number: z.string() })).optional(),
  accessCode: z.string().optional(),
}) satisfies z.ZodType<CreatedMeeting>;

export const scheduledMeetingSchema = z.object({
  draftId: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  recurrence: recurrenceSchema.nullable(),
  webex: createdMeetingSchema,
  event: z.object({ id: z.string().min(1), iCalUId: z.string(), webLink: z.string().optional() }),
  inviteeCount: z.number().int().nonnegative(),
}) satisfies z.ZodType<ScheduledMeeting>;

/**
 * The scratch entry: the Webex meeting created for a draft whose calendar step has not finished,
 * with a hash of the create input so that an edited draft does not inherit a stale meeting.
 */
export const pendingWebexSchema = z.object({
  webexMeeting: createdMeetingSchema,
  inputHash: z.string(),
});
export type PendingWebex = z.infer<typeof pendingWebexSchema>;
