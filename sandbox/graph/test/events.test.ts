import { userByLocal } from "../../tenant";
import { example, missingKeys, startHarness, type Harness } from "./harness";

// A fixed "today" (a Monday): seeded events and expiry are relative to the emulator's clock.
const NOW = new Date("2026-03-02T00:00:00Z");
let h: Harness;
let app: string;
let aiko: string;
let lars: string;
const EXT = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name webexMeetingId";

beforeAll(async () => {
  h = await startHarness({ clock: () => NOW });
  app = await h.appToken(["Calendars.ReadWrite"]);
  aiko = userByLocal(h.tenant, "aiko.tanaka").id;
  lars = userByLocal(h.tenant, "lars.berg").id;
});
afterAll(() => h.close());
beforeEach(() => h.emulator.reset());

const lunch = {
  subject: "Let's go for lunch",
  body: { contentType: "HTML", content: "Does late morning work for you?" },
  start: { dateTime: "2026-04-15T12:00:00", timeZone: "Pacific Standard Time" },
  end: { dateTime: "2026-04-15T14:00:00", timeZone: "Pacific Standard Time" },
  location: { displayName: "Harry's Bar" },
  attendees: [{ emailAddress: { address: "samanthab@contoso.onmicrosoft.com", name: "Samantha Booth" }, type: "required" }],
};

async function create(body: unknown, mailbox = aiko, headers: Record<string, string> = {}) {
  return h.call(`/v1.0/users/${mailbox}/events`, { token: app, method: "POST", body, headers });
}

describe("creating and reading events", () => {
  test("create returns 201 with the published shape, ids, change key, etag and Graph's date format", async () => {
    const r = await create(lunch);
    expect(r.status).toBe(201);
    const e = r.json;
    expect(missingKeys(example("events-create.response.json"), e)).toEqual([]);
    expect(e["@odata.etag"]).toBe(`W/"${e.changeKey}"`);
    expect(e.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    expect(e.type).toBe("singleInstance");
    expect(e.seriesMasterId).toBeNull();
    expect(e.webLink).toContain(encodeURIComponent(e.id));
    expect(e.body.contentType).toBe("html");
    expect(e.body.content).toContain("Does late morning work for you?");
    expect(e.start).toEqual({ dateTime: "2026-04-15T19:00:00.0000000", timeZone: "UTC" });
    expect(e.end).toEqual({ dateTime: "2026-04-15T21:00:00.0000000", timeZone: "UTC" });
    expect(e.originalStartTimeZone).toBe("Pacific Standard Time");
    expect(e.attendees[0].status).toEqual({ response: "none", time: "0001-01-01T00:00:00Z" });
    expect(e.organizer.emailAddress.address).toBe("aiko.tanaka@contoso.com");
    expect(r.headers.get("location")).toContain(encodeURIComponent(e.id));
    const got = await h.call(`/v1.0/users/${aiko}/events/${encodeURIComponent(e.id)}`, { token: app });
    expect(got.status).toBe(200);
    expect(got.json.changeKey).toBe(e.changeKey);
  });

  test("Prefer: outlook.timezone converts times to an IANA or Windows zone and says so in Preference-Applied", async () => {
    const id = (await create(lunch)).json.id as string;
    const tokyo = await h.call(`/v1.0/users/${aiko}/events/${id}`, { token: app, headers: { Prefer: 'outlook.timezone="Tokyo Standard Time"' } });
    expect(tokyo.json.start).toEqual({ dateTime: "2026-04-16T04:00:00.0000000", timeZone: "Tokyo Standard Time" });
    expect(tokyo.headers.get("preference-applied")).toBe('outlook.timezone="Tokyo Standard Time"');
    const berlin = await h.call(`/v1.0/users/${aiko}/events/${id}`, { token: app, headers: { Prefer: 'outlook.timezone="W. Europe Standard Time"' } });
    expect(berlin.json.start.dateTime).toBe("2026-04-15T21:00:00.0000000");
    const stockholm = await h.call(`/v1.0/users/${aiko}/events/${id}`, { token: app, headers: { Prefer: 'outlook.timezone="Europe/Stockholm"' } });
    expect(stockholm.json.end).toEqual({ dateTime: "2026-04-15T23:00:00.0000000", timeZone: "Europe/Stockholm" });
    const pacific = await h.call(`/v1.0/users/${aiko}/events/${id}`, { token: app, headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } });
    expect(pacific.json.start.dateTime).toBe("2026-04-15T12:00:00.0000000");
  });

  test("a repeated create with the same transactionId returns the first event instead of a duplicate", async () => {
    const first = await create({ ...lunch, transactionId: "draft-42" });
    const again = await create({ ...lunch, subject: "changed on retry", transactionId: "draft-42" });
    expect(again.json.id).toBe(first.json.id);
    expect(again.json.subject).toBe("Let's go for lunch");
    const list = await h.call(`/v1.0/users/${aiko}/events?$filter=${encodeURIComponent("subject eq 'Let''s go for lunch'")}`, { token: app });
    expect(list.json.value).toHaveLength(1);
  });

  test("each update changes changeKey and @odata.etag; a stale If-Match is refused with 412", async () => {
    const e = (await create(lunch)).json;
    const u1 = await h.call(`/v1.0/users/${aiko}/events/${e.id}`, { token: app, method: "PATCH", body: { subject: "Brunch" } });
    expect(u1.status).toBe(200);
    expect(u1.json.subject).toBe("Brunch");
    expect(u1.json.changeKey).not.toBe(e.changeKey);
    const u2 = await h.call(`/v1.0/users/${aiko}/events/${e.id}`, { token: app, method: "PATCH", body: { location: { displayName: "Cafe" } } });
    expect(u2.json.changeKey).not.toBe(u1.json.changeKey);
    expect(u2.json["@odata.etag"]).toBe(`W/"${u2.json.changeKey}"`);
    expect(u2.json.subject).toBe("Brunch");
    const stale = await h.call(`/v1.0/users/${aiko}/events/${e.id}`, { token: app, method: "PATCH", body: { subject: "x" }, headers: { "If-Match": e["@odata.etag"] } });
    expect(stale.status).toBe(412);
  });

  test("moving an event by PATCHing start and end keeps its id", async () => {
    const e = (await create(lunch)).json;
    const moved = await h.call(`/v1.0/users/${aiko}/events/${e.id}`, {
      token: app, method: "PATCH",
      body: { start: { dateTime: "2026-04-16T09:00:00", timeZone: "Europe/Berlin" }, end: { dateTime: "2026-04-16T10:00:00", timeZone: "Europe/Berlin" } },
    });
    expect(moved.json.id).toBe(e.id);
    expect(moved.json.start.dateTime).toBe("2026-04-16T07:00:00.0000000");
    expect(moved.json.originalStartTimeZone).toBe("Europe/Berlin");
  });

  test("delete answers 204 and the event is then 404 ErrorItemNotFound", async () => {
    const e = (await create(lunch)).json;
    const d = await h.call(`/v1.0/users/${aiko}/events/${e.id}`, { token: app, method: "DELETE" });
    expect(d.status).toBe(204);
    expect(d.text).toBe("");
    const g = await h.call(`/v1.0/users/${aiko}/events/${e.id}`, { token: app });
    expect(g.status).toBe(404);
    expect(g.json.error.code).toBe("ErrorItemNotFound");
    expect((await h.call(`/v1.0/users/${aiko}/events/${e.id}`, { token: app, method: "DELETE" })).status).toBe(404);
  });

  test("bad input is refused the way Outlook refuses it", async () => {
    const zone = await create({ ...lunch, start: { dateTime: "2026-04-15T12:00:00", timeZone: "Mars/Olympus" } });
    expect(zone.status).toBe(400);
    expect(zone.json.error.code).toBe("TimeZoneNotSupportedException");
    const date = await create({ ...lunch, start: { dateTime: "15/04/2026 12:00", timeZone: "UTC" } });
    expect(date.status).toBe(400);
    const unknown = await create({ ...lunch, colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe("RequestBodyRead");
    const many = Array.from({ length: 501 }, (_, i) => ({ emailAddress: { address: `p${i}@example.com` } }));
    expect((await create({ ...lunch, attendees: many })).status).toBe(400);
    expect((await create({ ...lunch, attendees: many.slice(0, 500) })).status).toBe(201);
    const notJson = await h.call(`/v1.0/users/${aiko}/events`, { token: app, method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
  });

  test("an unknown mailbox is a 404 and /me/events works for a delegated token", async () => {
    expect((await h.call("/v1.0/users/nobody@contoso.com/events", { token: app })).status).toBe(404);
    const token = await h.userToken("lars.berg", "Calendars.ReadWrite");
    const mine = await h.call("/v1.0/me/events", { token });
    expect(mine.status).toBe(200);
    expect(mine.json.value.map((e: { subject: string }) => e.subject)).toEqual(["Sprint planning"]);
  });
});

describe("extended properties", () => {
  test("are stored on create, hidden unless expanded, expandable by id and filterable with Any()", async () => {
    const withProp = (await create({ ...lunch, singleValueExtendedProperties: [{ id: EXT, value: "meeting-1" }] })).json;
    await create({ ...lunch, subject: "other", singleValueExtendedProperties: [{ id: EXT, value: "meeting-2" }] });
    expect(withProp.singleValueExtendedProperties).toBeUndefined();
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${EXT}')`);
    const got = await h.call(`/v1.0/users/${aiko}/events/${withProp.id}?$expand=${expand}`, { token: app });
    expect(got.json.singleValueExtendedProperties).toEqual([{ id: EXT, value: "meeting-1" }]);
    const filter = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${EXT}' and ep/value eq 'meeting-1')`);
    const list = await h.call(`/v1.0/users/${aiko}/events?$filter=${filter}&$expand=${expand}`, { token: app });
    expect(list.status).toBe(200);
    expect(list.json.value.map((e: { id: string }) => e.id)).toEqual([withProp.id]);
    expect(list.json.value[0].singleValueExtendedProperties[0].value).toBe("meeting-1");
  });

  test("a malformed extended property id is refused", async () => {
    const r = await create({ ...lunch, singleValueExtendedProperties: [{ id: "webexMeetingId", value: "x" }] });
    expect(r.status).toBe(400);
  });
});

describe("listing events", () => {
  beforeEach(async () => {
    for (let d = 1; d <= 12; d++) {
      const day = String(d).padStart(2, "0");
      await create({ subject: `Day ${d}`, start: { dateTime: `2026-05-${day}T09:00:00`, timeZone: "UTC" }, end: { dateTime: `2026-05-${day}T09:30:00`, timeZone: "UTC" } }, lars);
    }
  });

  test("filters on start/dateTime and end/dateTime, orders by start and selects properties", async () => {
    const filter = encodeURIComponent("start/dateTime ge '2026-05-03T00:00:00' and end/dateTime lt '2026-05-06T00:00:00'");
    const r = await h.call(`/v1.0/users/${lars}/events?$filter=${filter}&$orderby=start/dateTime desc&$select=subject,start`, { token: app });
    expect(r.status).toBe(200);
    expect(r.json.value.map((e: { subject: string }) => e.subject)).toEqual(["Day 5", "Day 4", "Day 3"]);
    expect(Object.keys(r.json.value[0]).sort()).toEqual(["@odata.etag", "id", "start", "subject"]);
    expect(r.json["@odata.context"]).toMatch(/events\(subject,start\)$/);
  });

  test("pages ten at a time by default and follows @odata.nextLink to the end", async () => {
    const first = await h.call(`/v1.0/users/${lars}/events?$orderby=start/dateTime`, { token: app });
    expect(first.json.value).toHaveLength(10);
    expect(first.json["@odata.nextLink"]).toMatch(/\$skip=10/);
    const second = await h.call(first.json["@odata.nextLink"], { token: app });
    expect(second.json.value).toHaveLength(3); // 12 created + the seeded "Sprint planning"
    expect(second.json["@odata.nextLink"]).toBeUndefined();
  });

  test("filtering on a property events do not have is a 400", async () => {
    const r = await h.call(`/v1.0/users/${lars}/events?$filter=${encodeURIComponent("colour eq 'red'")}`, { token: app });
    expect(r.status).toBe(400);
  });
});

describe("recurring events", () => {
  const weekly = {
    subject: "Standup",
    start: { dateTime: "2026-03-03T09:00:00", timeZone: "Europe/Stockholm" },
    end: { dateTime: "2026-03-03T09:15:00", timeZone: "Europe/Stockholm" },
    recurrence: {
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday", "thursday"] },
      range: { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 6 },
    },
  };

  test("lists return the series master only; /instances needs startDateTime and endDateTime", async () => {
    const master = (await create(weekly, lars)).json;
    expect(master.type).toBe("seriesMaster");
    expect(master.recurrence.range.recurrenceTimeZone).toBe("Europe/Stockholm");
    const list = await h.call(`/v1.0/users/${lars}/events`, { token: app });
    expect(list.json.value.filter((e: { type: string }) => e.type !== "singleInstance" && e.type !== "seriesMaster")).toEqual([]);
    const missing = await h.call(`/v1.0/users/${lars}/events/${master.id}/instances?startDateTime=2026-03-01T00:00:00`, { token: app });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("ErrorInvalidParameter");
  });

  test("instances are occurrences with distinct ids and seriesMasterId; DST is followed in the series' zone", async () => {
    const master = (await create(weekly, lars)).json;
    const r = await h.call(`/v1.0/users/${lars}/events/${master.id}/instances?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-30T00:00:00Z`, { token: app });
    expect(r.status).toBe(200);
    const items = r.json.value;
    expect(items).toHaveLength(6);
    expect(new Set(items.map((i: { id: string }) => i.id)).size).toBe(6);
    expect(items.every((i: { seriesMasterId: string; type: string }) => i.seriesMasterId === master.id && i.type === "occurrence")).toBe(true);
    expect(missingKeys((example("events-instances.response.json") as { value: Record<string, unknown>[] }).value[0]!, items[0])).toEqual([]);
    // Sweden moves to summer time on 29 March: 09:00 local is 08:00Z before and 07:00Z after.
    expect(items.map((i: { start: { dateTime: string } }) => i.start.dateTime.slice(0, 16))).toEqual([
      "2026-03-03T08:00", "2026-03-05T08:00", "2026-03-10T08:00", "2026-03-12T08:00", "2026-03-17T08:00", "2026-03-19T08:00",
    ]);
  });

  test("editing an occurrence makes it an exception; deleting one removes it from the instances", async () => {
    const master = (await create(weekly, lars)).json;
    const url = `/v1.0/users/${lars}/events/${master.id}/instances?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-30T00:00:00Z`;
    const before = (await h.call(url, { token: app })).json.value;
    const moved = await h.call(`/v1.0/users/${lars}/events/${before[1].id}`, {
      token: app, method: "PATCH", body: { start: { dateTime: "2026-03-05T13:00:00", timeZone: "Europe/Stockholm" }, end: { dateTime: "2026-03-05T13:15:00", timeZone: "Europe/Stockholm" } },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.type).toBe("exception");
    expect((await h.call(`/v1.0/users/${lars}/events/${before[2].id}`, { token: app, method: "DELETE" })).status).toBe(204);
    const after = (await h.call(url, { token: app })).json.value;
    expect(after).toHaveLength(5);
    expect(after[1]).toMatchObject({ id: before[1].id, type: "exception", start: { dateTime: "2026-03-05T12:00:00.0000000", timeZone: "UTC" } });
    expect(after.map((i: { id: string }) => i.id)).not.toContain(before[2].id);
    expect((await h.call(`/v1.0/users/${lars}/events/${before[2].id}`, { token: app })).status).toBe(404);
  });

  test("the seeded weekly series shows its moved and cancelled occurrences", async () => {
    const series = (await h.call(`/v1.0/users/${aiko}/events?$filter=${encodeURIComponent("type eq 'seriesMaster'")}`, { token: app })).json.value[0];
    expect(series.subject).toBe("Weekly product sync");
    const r = await h.call(`/v1.0/users/${aiko}/events/${series.id}/instances?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-06-01T00:00:00Z`, {
      token: app, headers: { Prefer: 'outlook.timezone="Asia/Tokyo"' },
    });
    const items = r.json.value;
    expect(items).toHaveLength(7); // 8 occurrences, one cancelled
    expect(items[0].start.dateTime).toBe("2026-03-03T10:00:00.0000000"); // dayOffset 1 from Monday 2 March, Tokyo
    expect(items[1]).toMatchObject({ type: "exception", start: { dateTime: "2026-03-10T11:00:00.0000000" } });
    expect(items[2].start.dateTime).toBe("2026-03-24T10:00:00.0000000");
  });
});

describe("Outlook's per-mailbox concurrency limit", () => {
  test("a fifth concurrent request to one mailbox gets 429 ApplicationThrottled with Retry-After", async () => {
    const headers = { "x-sandbox-fault": "latency=400" };
    const replies = await Promise.all(Array.from({ length: 6 }, () => h.call(`/v1.0/users/${aiko}/events?$top=1`, { token: app, headers })));
    const throttled = replies.filter((r) => r.status === 429);
    expect(replies.filter((r) => r.status === 200).length).toBe(4);
    expect(throttled.length).toBe(2);
    expect(throttled[0]!.json.error.code).toBe("ApplicationThrottled");
    expect(throttled[0]!.json.error.message).toMatch(/MailboxConcurrency/);
    expect(throttled[0]!.headers.get("retry-after")).toMatch(/^\d+$/);
    // The mailbox is usable again once the slow calls have finished.
    expect((await h.call(`/v1.0/users/${aiko}/events?$top=1`, { token: app })).status).toBe(200);
  });
});
