import type { MeetingRecord } from "./meetings/model";

/**
 * A plain, copied view of a stored meeting for tests and the control endpoint: what was sent
 * to Webex (invitees, sendEmail, tags…) that the API itself never echoes back.
 */
export interface MeetingSnapshot {
  id: string;
  meetingNumber: string;
  title: string;
  agenda?: string;
  password: string;
  timezone: string;
  /** First occurrence, ISO UTC. */
  start: string;
  end: string;
  recurrence?: string;
  hostEmail: string;
  hostUserId: string;
  invitees: { email: string; displayName: string; coHost: boolean; panelist: boolean }[];
  sendEmail: boolean;
  integrationTags: string[];
  createdByClientId: string;
  exceptions: { key: string; deleted: boolean; title?: string; start?: string; end?: string }[];
}

export function snapshotOf(m: MeetingRecord): MeetingSnapshot {
  return {
    id: m.id,
    meetingNumber: m.meetingNumber,
    title: m.title,
    ...(m.agenda !== undefined ? { agenda: m.agenda } : {}),
    password: m.password,
    timezone: m.timezone,
    start: new Date(m.startMs).toISOString(),
    end: new Date(m.endMs).toISOString(),
    ...(m.recurrence ? { recurrence: m.recurrence.text } : {}),
    hostEmail: m.host.email,
    hostUserId: m.host.id,
    invitees: m.invitees.map((i) => ({ ...i })),
    sendEmail: m.sendEmail,
    integrationTags: [...m.integrationTags],
    createdByClientId: m.createdByClientId,
    exceptions: [...m.exceptions].map(([key, ex]) =>
      ex.deleted
        ? { key, deleted: true }
        : {
            key,
            deleted: false,
            ...(ex.override.title !== undefined ? { title: ex.override.title } : {}),
            ...(ex.override.startMs !== undefined ? { start: new Date(ex.override.startMs).toISOString() } : {}),
            ...(ex.override.endMs !== undefined ? { end: new Date(ex.override.endMs).toISOString() } : {}),
          },
    ),
  };
}
