import { GraphError } from "../errors";
import { toInstant } from "./datetime";
import { normaliseRecurrence, type Recurrence } from "./recurrence";
import { resolveZone } from "./timezones";

/**
 * The event as stored, and the parsing of create/update bodies with the service's strictness:
 * unknown properties, bad time zones, unparsable dates, > 500 attendees are rejected.
 */

export interface Attendee {
  type: "required" | "optional" | "resource";
  status: { response: string; time: string };
  emailAddress: { name: string; address: string };
}

export interface EventLocation {
  displayName: string;
  locationType: string;
  uniqueId?: string;
  uniqueIdType: string;
  address?: Record<string, unknown>;
}

/** What a client can change. */
export interface EventData {
  subject: string;
  body: { contentType: "html" | "text"; content: string };
  startMs: number;
  endMs: number;
  /** Zone names as the client gave them (originalStartTimeZone / originalEndTimeZone). */
  startZone: string;
  endZone: string;
  isAllDay: boolean;
  location: EventLocation;
  attendees: Attendee[];
  categories: string[];
  importance: string;
  sensitivity: string;
  showAs: string;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  responseRequested: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  isCancelled: boolean;
}

export interface ExtendedProperty {
  id: string;
  value: string;
}

export interface EventInput {
  data: Partial<EventData>;
  recurrence?: Recurrence | null;
  transactionId?: string;
  extended?: ExtendedProperty[];
}

export const MAX_ATTENDEES = 500;

const WRITABLE = new Set([
  "subject", "body", "start", "end", "location", "locations", "attendees", "categories", "importance", "sensitivity", "showas", "isallday",
  "isreminderon", "reminderminutesbeforestart", "responserequested", "isonlinemeeting", "onlinemeetingprovider", "allownewtimeproposals",
  "hideattendees", "recurrence", "transactionid", "singlevalueextendedproperties", "originalstarttimezone", "originalendtimezone",
]);
// Read-only properties a client may echo back; the service ignores them.
const IGNORED = new Set([
  "id", "changekey", "createddatetime", "lastmodifieddatetime", "icaluid", "uid", "webLink".toLowerCase(), "type", "seriesmasterid", "organizer",
  "responsestatus", "bodypreview", "hasattachments", "isorganizer", "iscancelled", "isdraft", "onlinemeeting", "onlinemeetingurl", "originalstart", "occurrenceid",
]);

const deserialise = (what: string): GraphError => new GraphError(400, "UnableToDeserializePostBody", `were unable to deserialize ${what}`);

function zoneOf(tz: unknown): string {
  const name = typeof tz === "string" ? tz : "UTC";
  if (!resolveZone(name)) throw new GraphError(400, "TimeZoneNotSupportedException", `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`);
  return name;
}

function dateTimeTimeZone(v: unknown, field: string): { ms: number; zone: string } {
  if (!v || typeof v !== "object") throw deserialise(field);
  const o = v as Record<string, unknown>;
  if (typeof o["dateTime"] !== "string") throw deserialise(`${field}.dateTime`);
  const zone = zoneOf(o["timeZone"]);
  const ms = toInstant(o["dateTime"], zone);
  if (ms === undefined) throw deserialise(`${field}.dateTime`);
  return { ms, zone };
}

const EXTENDED_ID = /^(String|Integer|Boolean|Double|Float|Long|Short|SystemTime|Binary|Currency|CLSID|Object)\s+\{([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}\s+(Name\s+\S.*|Id\s+0x[0-9a-fA-F]{1,4})$/i;

/** `String {GUID} Name x` with the GUID lower-cased, as the service echoes it; undefined when malformed. */
export function normaliseExtendedId(id: string): string | undefined {
  const m = EXTENDED_ID.exec(id.trim());
  if (!m) return undefined;
  const type = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
  const [kind, ...rest] = m[3]!.split(/\s+/);
  return `${type} {${m[2]!.toLowerCase()}} ${kind!.charAt(0).toUpperCase()}${kind!.slice(1).toLowerCase()} ${rest.join(" ")}`;
}

function location(v: unknown): EventLocation {
  const o = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  const displayName = typeof o["displayName"] === "string" ? o["displayName"] : "";
  return displayName
    ? { displayName, locationType: typeof o["locationType"] === "string" ? o["locationType"] : "default", uniqueId: displayName, uniqueIdType: "private" }
    : { displayName: "", locationType: "default", uniqueIdType: "unknown", address: {} };
}

function attendees(v: unknown): Attendee[] {
  if (!Array.isArray(v)) throw deserialise("attendees");
  if (v.length > MAX_ATTENDEES) throw new GraphError(400, "ErrorInvalidRecipients", `The number of attendees exceeds the limit of ${MAX_ATTENDEES}.`);
  return v.map((a, i) => {
    const o = (a ?? {}) as Record<string, unknown>;
    const email = (o["emailAddress"] ?? {}) as Record<string, unknown>;
    const address = email["address"];
    if (typeof address !== "string" || !/^[^@\s]+@[^@\s]+$/.test(address)) throw new GraphError(400, "ErrorInvalidRecipients", `At least one recipient isn't valid (attendee ${i}).`);
    const type = typeof o["type"] === "string" ? o["type"].toLowerCase() : "required";
    if (!["required", "optional", "resource"].includes(type)) throw deserialise(`attendees[${i}].type`);
    return {
      type: type as Attendee["type"],
      status: { response: "none", time: "0001-01-01T00:00:00Z" },
      emailAddress: { name: typeof email["name"] === "string" ? email["name"] : address, address },
    };
  });
}

const str = (v: unknown, field: string): string => {
  if (typeof v !== "string") throw deserialise(field);
  return v;
};
const bool = (v: unknown, field: string): boolean => {
  if (typeof v !== "boolean") throw deserialise(field);
  return v;
};
const oneOf = (v: unknown, field: string, allowed: string[]): string => {
  const s = str(v, field);
  const hit = allowed.find((a) => a.toLowerCase() === s.toLowerCase());
  if (!hit) throw deserialise(field);
  return hit;
};

/** Parses a create (`partial` false) or PATCH body. */
export function parseEventInput(json: unknown, partial: boolean, defaultZone = "UTC"): EventInput {
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new GraphError(400, "BadRequest", "Empty Payload. JSON content expected.");
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key.startsWith("@odata.") || key.includes("@odata.")) continue;
    const k = key.toLowerCase();
    if (!WRITABLE.has(k) && !IGNORED.has(k)) {
      throw new GraphError(400, "RequestBodyRead", `The property '${key}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
  }
  const get = (name: string): unknown => o[Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name];
  const has = (name: string): boolean => get(name) !== undefined;
  const data: Partial<EventData> = {};
  if (has("subject")) data.subject = get("subject") === null ? "" : str(get("subject"), "subject");
  if (has("body")) {
    const b = (get("body") ?? {}) as Record<string, unknown>;
    data.body = {
      contentType: b["contentType"] === undefined ? "text" : (oneOf(b["contentType"], "body.contentType", ["html", "text"]) as "html" | "text"),
      content: b["content"] === undefined || b["content"] === null ? "" : str(b["content"], "body.content"),
    };
  }
  if (has("start")) { const s = dateTimeTimeZone(get("start"), "start"); data.startMs = s.ms; data.startZone = s.zone; }
  if (has("end")) { const e = dateTimeTimeZone(get("end"), "end"); data.endMs = e.ms; data.endZone = e.zone; }
  if (!partial && (data.startMs === undefined || data.endMs === undefined)) {
    throw new GraphError(400, "ErrorInvalidRequest", "Your request can't be completed. The start and end of the event must be specified.");
  }
  if (has("location")) data.location = location(get("location"));
  else if (Array.isArray(get("locations")) && (get("locations") as unknown[]).length > 0) data.location = location((get("locations") as unknown[])[0]);
  if (has("attendees")) data.attendees = attendees(get("attendees"));
  if (has("categories")) {
    const c = get("categories");
    if (!Array.isArray(c) || c.some((x) => typeof x !== "string")) throw deserialise("categories");
    data.categories = c as string[];
  }
  if (has("importance")) data.importance = oneOf(get("importance"), "importance", ["low", "normal", "high"]);
  if (has("sensitivity")) data.sensitivity = oneOf(get("sensitivity"), "sensitivity", ["normal", "personal", "private", "confidential"]);
  if (has("showAs")) data.showAs = oneOf(get("showAs"), "showAs", ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"]);
  if (has("isAllDay")) data.isAllDay = bool(get("isAllDay"), "isAllDay");
  if (has("isReminderOn")) data.isReminderOn = bool(get("isReminderOn"), "isReminderOn");
  if (has("reminderMinutesBeforeStart")) {
    const r = get("reminderMinutesBeforeStart");
    if (typeof r !== "number" || !Number.isInteger(r)) throw deserialise("reminderMinutesBeforeStart");
    data.reminderMinutesBeforeStart = r;
  }
  if (has("responseRequested")) data.responseRequested = bool(get("responseRequested"), "responseRequested");
  if (has("isOnlineMeeting")) data.isOnlineMeeting = bool(get("isOnlineMeeting"), "isOnlineMeeting");
  if (has("onlineMeetingProvider")) data.onlineMeetingProvider = oneOf(get("onlineMeetingProvider"), "onlineMeetingProvider", ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"]);
  if (has("allowNewTimeProposals")) data.allowNewTimeProposals = bool(get("allowNewTimeProposals"), "allowNewTimeProposals");
  if (has("hideAttendees")) data.hideAttendees = bool(get("hideAttendees"), "hideAttendees");

  const input: EventInput = { data };
  if (has("recurrence")) {
    const r = get("recurrence");
    input.recurrence = r === null ? null : normaliseRecurrence(r, data.startZone ?? defaultZone);
  }
  if (has("transactionId")) input.transactionId = get("transactionId") === null ? undefined : str(get("transactionId"), "transactionId");
  if (has("singleValueExtendedProperties")) {
    const list = get("singleValueExtendedProperties");
    if (!Array.isArray(list)) throw deserialise("singleValueExtendedProperties");
    input.extended = list.map((p, i) => {
      const e = (p ?? {}) as Record<string, unknown>;
      const id = typeof e["id"] === "string" ? normaliseExtendedId(e["id"]) : undefined;
      if (!id) throw new GraphError(400, "ErrorInvalidProperty", `The extended property id at index ${i} is invalid.`);
      if (typeof e["value"] !== "string") throw deserialise(`singleValueExtendedProperties[${i}].value`);
      return { id, value: e["value"] };
    });
  }
  return input;
}

export function defaultEventData(now: number, organizerZone = "UTC"): EventData {
  return {
    subject: "", body: { contentType: "text", content: "" }, startMs: now, endMs: now + 30 * 60_000, startZone: organizerZone, endZone: organizerZone,
    isAllDay: false, location: location(undefined), attendees: [], categories: [], importance: "normal", sensitivity: "normal", showAs: "busy",
    isReminderOn: true, reminderMinutesBeforeStart: 15, responseRequested: true, isOnlineMeeting: false, onlineMeetingProvider: "unknown",
    allowNewTimeProposals: true, hideAttendees: false, isCancelled: false,
  };
}
