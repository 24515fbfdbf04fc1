import { dateTimeTimeZone, isoUtc7 } from "./datetime";
import type { ExtendedProperty } from "./model";
import type { EventView } from "./store";

/**
 * An event in Graph's JSON (examples/events-*.json): property order as the service writes it,
 * times in UTC unless `Prefer: outlook.timezone` asked for another zone.
 */
export interface RenderOptions {
  /** Zone name for start/end (as the client named it); UTC when absent. */
  zone?: string;
  /** `Prefer: outlook.body-content-type="text"`. */
  textBody?: boolean;
  /** `$expand=singleValueExtendedProperties(...)`: which ones to include; absent = not expanded. */
  extended?: (p: ExtendedProperty) => boolean;
}

function bodyPreview(content: string): string {
  const text = content
    .replace(/<head[\s\S]*?<\/head>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
  return text.slice(0, 255);
}

export function webLink(id: string): string {
  return `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`;
}

export function renderEvent(v: EventView, options: RenderOptions = {}): Record<string, unknown> {
  const d = v.data;
  const m = v.master;
  const body = options.textBody && d.body.contentType === "html" ? { contentType: "text", content: bodyPreview(d.body.content) } : d.body;
  const location = d.location.displayName
    ? { displayName: d.location.displayName, locationType: d.location.locationType, uniqueId: d.location.uniqueId, uniqueIdType: d.location.uniqueIdType }
    : { displayName: "", locationType: "default", uniqueIdType: "unknown", address: {}, coordinates: {} };
  const out: Record<string, unknown> = {
    "@odata.etag": `W/"${v.changeKey}"`,
    id: v.id,
    createdDateTime: isoUtc7(m.createdMs),
    lastModifiedDateTime: isoUtc7(v.lastModifiedMs),
    changeKey: v.changeKey,
    categories: [...d.categories],
    transactionId: v.type === "singleInstance" || v.type === "seriesMaster" ? m.transactionId : null,
    originalStartTimeZone: d.startZone,
    originalEndTimeZone: d.endZone,
    iCalUId: v.iCalUId,
    uid: m.iCalUId,
    reminderMinutesBeforeStart: d.reminderMinutesBeforeStart,
    isReminderOn: d.isReminderOn,
    hasAttachments: false,
    subject: d.subject,
    bodyPreview: bodyPreview(d.body.content),
    importance: d.importance,
    sensitivity: d.sensitivity,
    isAllDay: d.isAllDay,
    isCancelled: d.isCancelled,
    isOrganizer: true,
    responseRequested: d.responseRequested,
    seriesMasterId: v.seriesMasterId,
    showAs: d.showAs,
    type: v.type,
    webLink: webLink(v.id),
    onlineMeetingUrl: null,
    isOnlineMeeting: d.isOnlineMeeting,
    onlineMeetingProvider: d.onlineMeetingProvider,
    allowNewTimeProposals: d.allowNewTimeProposals,
    occurrenceId: v.originalStartMs !== undefined ? `OID.${m.id}.${new Date(v.originalStartMs).toISOString().slice(0, 10)}` : null,
    isDraft: false,
    hideAttendees: d.hideAttendees,
    responseStatus: { response: "organizer", time: "0001-01-01T00:00:00Z" },
    body,
    start: dateTimeTimeZone(d.startMs, options.zone),
    end: dateTimeTimeZone(d.endMs, options.zone),
    location,
    locations: d.location.displayName ? [{ displayName: d.location.displayName, locationType: d.location.locationType, uniqueIdType: "unknown" }] : [],
    recurrence: v.type === "seriesMaster" ? m.recurrence : null,
    attendees: d.attendees.map((a) => ({ type: a.type, status: { ...a.status }, emailAddress: { ...a.emailAddress } })),
    organizer: { emailAddress: { name: m.organizer.name, address: m.organizer.address } },
    onlineMeeting: null,
  };
  if (v.originalStartMs !== undefined) {
    out["originalStart"] = new Date(v.originalStartMs).toISOString().replace(".000Z", "Z");
  }
  if (options.extended) {
    out["singleValueExtendedProperties"] = m.extended.filter(options.extended).map((p) => ({ id: p.id, value: p.value }));
  }
  return out;
}

/** Properties `$select` may name on an event. */
export const EVENT_PROPERTIES = [
  "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "transactionId", "originalStartTimeZone", "originalEndTimeZone", "iCalUId", "uid",
  "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject", "bodyPreview", "importance", "sensitivity", "isAllDay", "isCancelled",
  "isOrganizer", "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting", "onlineMeetingProvider",
  "allowNewTimeProposals", "occurrenceId", "isDraft", "hideAttendees", "responseStatus", "body", "start", "end", "location", "locations", "recurrence",
  "attendees", "organizer", "onlineMeeting", "originalStart", "id",
] as const;

/** The view `$filter` and `$orderby` evaluate against: dates as `Date`s so comparisons are by instant. */
export function filterView(v: EventView): Record<string, unknown> {
  const d = v.data;
  return {
    id: v.id,
    subject: d.subject,
    type: v.type,
    isAllDay: d.isAllDay,
    isCancelled: d.isCancelled,
    isOrganizer: true,
    showAs: d.showAs,
    importance: d.importance,
    sensitivity: d.sensitivity,
    categories: d.categories,
    iCalUId: v.iCalUId,
    transactionId: v.master.transactionId,
    seriesMasterId: v.seriesMasterId,
    createdDateTime: new Date(v.master.createdMs),
    lastModifiedDateTime: new Date(v.lastModifiedMs),
    start: { dateTime: new Date(d.startMs), timeZone: "UTC" },
    end: { dateTime: new Date(d.endMs), timeZone: "UTC" },
    location: { displayName: d.location.displayName },
    organizer: { emailAddress: { name: v.master.organizer.name, address: v.master.organizer.address } },
    attendees: d.attendees,
    singleValueExtendedProperties: v.master.extended,
  };
}
