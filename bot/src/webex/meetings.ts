import { z } from "zod";
import type { MeetingsPort, RescheduleMeetingsPort } from "../scheduling/ports";
import type { CreatedMeeting } from "../scheduling/types";
import { WebexError, type WebexClient } from "./client";

/**
 * Webex meetings for the scheduler: create a series (one meeting is a series of one), read,
 * list, delete. Webex sends no invitation e-mails (`sendEmail: false`): the Outlook event we
 * write is the invitation. Meetings carry our integration tag so they can be listed as ours.
 * https://developer.webex.com/docs/api/v1/meetings/create-a-meeting
 */

export const WEBEX_INTEGRATION_TAG = "webex-scheduler-teams";

/**
 * The fields we use of MeetingSeriesObject (create, get) and MeetingObjectForListMeeting (list):
 * https://developer.webex.com/docs/api/v1/meetings/get-a-meeting — meetingNumber is absent on
 * instances that have ended, so it is optional here and required on a fresh create.
 */
export const WebexMeeting = z.object({
  id: z.string(),
  meetingSeriesId: z.string().optional(),
  meetingNumber: z.string().optional(),
  title: z.string(),
  agenda: z.string().optional(),
  meetingType: z.string(),
  state: z.string(),
  timezone: z.string(),
  start: z.string(),
  end: z.string(),
  recurrence: z.string().optional(),
  hostEmail: z.string(),
  webLink: z.string(),
  sipAddress: z.string().optional(),
  password: z.string().optional(),
  telephony: z
    .object({
      accessCode: z.string().optional(),
      callInNumbers: z.array(z.object({ label: z.string(), callInNumber: z.string(), tollType: z.string().optional() })).optional(),
    })
    .optional(),
  integrationTags: z.array(z.string()).optional(),
});
export type WebexMeeting = z.infer<typeof WebexMeeting>;

const CreatedSeries = WebexMeeting.extend({ meetingNumber: z.string() });

/** https://developer.webex.com/docs/api/v1/meetings/list-meetings */
const MeetingList = z.object({ items: z.array(WebexMeeting) });

export interface WebexMeetings extends MeetingsPort, RescheduleMeetingsPort {
  /** PATCH /v1/meetings/{id} with new times (a series id moves the series, an occurrence id one occurrence). */
  update(meetingId: string, times: { start: string; end: string; timeZone: string }, hostEmail?: string): Promise<WebexMeeting>;
  /** A series or an occurrence (`<seriesId>_<20261124T140000Z>`); undefined when Webex does not know it. */
  get(meetingId: string, hostEmail?: string): Promise<WebexMeeting | undefined>;
  /** One page (max ≤ 100) of meeting series with an occurrence in [from, to]. */
  list(query: { from?: Date | string; to?: Date | string; max?: number; hostEmail?: string; integrationTag?: string }): Promise<WebexMeeting[]>;
}

export function createWebexMeetings(client: WebexClient): WebexMeetings {
  return {
    async create(input): Promise<CreatedMeeting> {
      const body = {
        title: input.title,
        start: input.start,
        end: input.end,
        timezone: input.timeZone,
        ...(input.agenda ? { agenda: input.agenda } : {}),
        // The port speaks bare RRULE values; tolerate the "RRULE:" prefix a caller may keep.
        ...(input.recurrence ? { recurrence: input.recurrence.replace(/^RRULE:/i, "") } : {}),
        invitees: input.invitees.map((i) => ({ email: i.email, ...(i.displayName ? { displayName: i.displayName } : {}) })),
        sendEmail: false,
        ...(input.hostEmail ? { hostEmail: input.hostEmail } : {}),
        integrationTags: [WEBEX_INTEGRATION_TAG],
      };
      return toCreated(await client.request("POST", "/v1/meetings", CreatedSeries, body));
    },

    async delete(meetingId, hostEmail) {
      try {
        await client.request("DELETE", `/v1/meetings/${encodeURIComponent(meetingId)}${hostQuery(hostEmail)}`, z.unknown());
      } catch (error) {
        // Already gone (deleted in Webex, or by an earlier attempt of this job): nothing to do.
        if (!(error instanceof WebexError && error.status === 404)) throw error;
      }
    },

    // https://developer.webex.com/docs/api/v1/meetings/patch-a-meeting — partial; PUT is being
    // deprecated. hostEmail goes in the body here (admin token acting for the host).
    async update(meetingId, times, hostEmail) {
      const body = { start: times.start, end: times.end, timezone: times.timeZone, ...(hostEmail ? { hostEmail } : {}) };
      return client.request("PATCH", `/v1/meetings/${encodeURIComponent(meetingId)}`, WebexMeeting, body);
    },

    async get(meetingId, hostEmail) {
      try {
        return await client.request("GET", `/v1/meetings/${encodeURIComponent(meetingId)}${hostQuery(hostEmail)}`, WebexMeeting);
      } catch (error) {
        if (error instanceof WebexError && error.status === 404) return undefined;
        throw error;
      }
    },

    async list(query) {
      const params = new URLSearchParams({ meetingType: "meetingSeries" });
      if (query.from !== undefined) params.set("from", iso(query.from));
      if (query.to !== undefined) params.set("to", iso(query.to));
      if (query.max !== undefined) params.set("max", String(query.max));
      if (query.hostEmail) params.set("hostEmail", query.hostEmail);
      if (query.integrationTag) params.set("integrationTag", query.integrationTag);
      return (await client.request("GET", `/v1/meetings?${params.toString()}`, MeetingList)).items;
    },
  };
}

function toCreated(m: z.infer<typeof CreatedSeries>): CreatedMeeting {
  const numbers = m.telephony?.callInNumbers ?? [];
  return {
    id: m.id,
    meetingNumber: m.meetingNumber,
    webLink: m.webLink,
    ...(m.sipAddress ? { sipAddress: m.sipAddress } : {}),
    ...(m.password ? { password: m.password } : {}),
    ...(numbers.length > 0 ? { callInNumbers: numbers.map((n) => ({ label: n.label, number: n.callInNumber })) } : {}),
    ...(m.telephony?.accessCode ? { accessCode: m.telephony.accessCode } : {}),
  };
}

function hostQuery(hostEmail: string | undefined): string {
  return hostEmail ? `?hostEmail=${encodeURIComponent(hostEmail)}` : "";
}

function iso(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString();
}
