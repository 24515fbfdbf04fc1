import { formatInZone, MINUTE_MS } from "../time";
import { currentOccurrence, SETTING_KEYS, type MeetingRecord, type MeetingSettings, type Occurrence } from "./model";

/**
 * Meeting records → the JSON Webex sends: `MeetingSeriesObject` for a series and
 * `MeetingObjectForListMeeting` for list items and update responses (official OpenAPI,
 * webex-meeting.json). Times, and the `timezone` attribute, are in `view.responseZone`
 * (see `responseZone()`).
 */

export interface RenderView {
  /** The calling client: integration tags are shown only to the client that set them. */
  clientId: string;
  /** Zone for start/end in the response. */
  responseZone: string;
  nowMs: number;
  siteUrl: string;
}

/** Who may see a meeting's tags: Webex keeps them per creating client. */
function tagsFor(m: MeetingRecord, view: RenderView): { integrationTags?: string[] } {
  return m.createdByClientId === view.clientId && m.integrationTags.length > 0 ? { integrationTags: [...m.integrationTags] } : {};
}

function settingsOf(m: MeetingRecord): MeetingSettings {
  const out = {} as Record<string, unknown>;
  for (const k of SETTING_KEYS) out[k] = m.settings[k];
  return out as unknown as MeetingSettings;
}

function common(m: MeetingRecord, view: RenderView): Record<string, unknown> {
  const site = view.siteUrl.split(".")[0] ?? "sandbox";
  return {
    meetingNumber: m.meetingNumber,
    phoneAndVideoSystemPassword: m.phoneAndVideoSystemPassword,
    timezone: view.responseZone,
    hostUserId: m.host.id,
    hostDisplayName: m.host.displayName,
    hostEmail: m.host.email,
    hostKey: m.hostKey,
    siteUrl: view.siteUrl,
    webLink: `https://${view.siteUrl}/${site}/j.php?MTID=m${m.mtid}`,
    sipAddress: `${m.meetingNumber}@${view.siteUrl}`,
    dialInIpAddress: "173.243.2.68",
    ...settingsOf(m),
    sessionTypeId: 3,
    scheduledType: "meeting",
    enabledWebcastView: false,
    telephony: {
      accessCode: m.meetingNumber,
      callInNumbers: [
        { label: "United States Toll", callInNumber: "+1-415-655-0001", tollType: "toll" },
        { label: "Sweden Toll", callInNumber: "+46-8-5052-0017", tollType: "toll" },
      ],
      links: [{ rel: "globalCallinNumbers", href: `/v1/meetings/${m.id}/globalCallinNumbers`, method: "GET" }],
    },
    meetingOptions: {
      enabledChat: true,
      enabledVideo: true,
      enabledPolling: false,
      enabledNote: true,
      noteType: "allowAll",
      enabledFileTransfer: false,
      enabledUCFRichMedia: false,
    },
    attendeePrivileges: {
      enabledShareContent: true,
      enabledSaveDocument: false,
      enabledPrintDocument: false,
      enabledAnnotate: false,
      enabledViewParticipantList: true,
      enabledViewThumbnails: false,
      enabledRemoteControl: true,
      enabledViewAnyDocument: false,
      enabledViewAnyPage: false,
      enabledContactOperatorPrivately: false,
      enabledChatHost: true,
      enabledChatPresenter: true,
      enabledChatOtherParticipants: true,
    },
    ...tagsFor(m, view),
    enabledAudioWatermark: false,
    enabledVisualWatermark: false,
    requireAttendeeLogin: false,
    restrictToInvitees: false,
    enabledLiveStream: false,
  };
}

/** A series. `forList` adds `meetingSeriesId`, which list items and update responses carry. */
export function renderSeries(m: MeetingRecord, view: RenderView, forList = false): Record<string, unknown> {
  const active = currentOccurrence(m, view.nowMs) !== undefined;
  return {
    id: m.id,
    ...(forList ? { meetingSeriesId: m.id } : {}),
    title: m.title,
    ...(m.agenda !== undefined ? { agenda: m.agenda } : {}),
    password: m.password,
    meetingType: "meetingSeries",
    state: active ? "active" : "expired",
    start: formatInZone(m.startMs, view.responseZone),
    end: formatInZone(m.endMs, view.responseZone),
    ...(m.recurrence ? { recurrence: m.recurrence.text } : {}),
    ...common(m, view),
  };
}

export function renderOccurrence(m: MeetingRecord, o: Occurrence, view: RenderView): Record<string, unknown> {
  return {
    id: o.id,
    meetingSeriesId: m.id,
    scheduledMeetingId: o.id,
    title: o.title,
    ...(o.agenda !== undefined ? { agenda: o.agenda } : {}),
    password: o.password,
    meetingType: "scheduledMeeting",
    state: occurrenceState(o, view.nowMs, m.settings.joinBeforeHostMinutes),
    isModified: o.modified,
    start: formatInZone(o.startMs, view.responseZone),
    end: formatInZone(o.endMs, view.responseZone),
    ...common(m, view),
  };
}

/** scheduled → ready (joinable, from a few minutes before start) → missed (nobody joined). */
function occurrenceState(o: Occurrence, nowMs: number, joinBeforeMinutes: number): string {
  if (nowMs >= o.endMs) return "missed";
  if (nowMs >= o.startMs - Math.max(5, joinBeforeMinutes) * MINUTE_MS) return "ready";
  return "scheduled";
}
