/**
 * The Outlook calendar gateway against the Graph emulator over HTTPS, with a tenant-mode app
 * token (certificate assertion after admin consent): the same code that talks to Graph.
 */
import { randomUUID } from "node:crypto";
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { startSandbox, type RunningSandbox } from "../../../sandbox";
import { userByLocal, type TenantUser } from "../../../sandbox/tenant";
import { createGraphCalendar } from "../../src/graph/calendar";
import { WEBEX_MEETING_ID_PROPERTY } from "../../src/graph/extended-properties";
import type { CalendarPort } from "../../src/scheduling/ports";
import { sandboxAppGraphClient } from "../support/graph";

let sandbox: RunningSandbox;
let client: Client;
let aiko: TenantUser;

beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.identity.grantAdminConsent(sandbox.credentials.app.clientId);
  client = sandboxAppGraphClient(sandbox);
  aiko = userByLocal(sandbox.tenant, "aiko.tanaka");
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

type EventInput = Parameters<CalendarPort["createEvent"]>[0];

function draft(overrides: Partial<EventInput> = {}): EventInput {
  return {
    transactionId: randomUUID(),
    subject: "Roadmap review",
    start: { dateTime: "2031-03-10T10:00:00", timeZone: "Europe/Stockholm" },
    end: { dateTime: "2031-03-10T10:30:00", timeZone: "Europe/Stockholm" },
    attendees: [{ email: "lars.berg@contoso.se", displayName: "Lars Berg" }, { email: "partner@fabrikam.com" }],
    location: "Webex meeting 2550 123 4567",
    bodyHtml: '<p>Join the <a href="https://contoso.webex.com/j.php?MTID=m1">Webex meeting</a></p>',
    webexMeetingId: "0123456789abcdef0123456789abcdef",
    ...overrides,
  };
}

const mailbox = (userId: string): Record<string, unknown>[] => sandbox.graph.state.events(userId);

describe("Outlook calendar gateway", () => {
  it("writes the event into the organizer's calendar with our Webex property, an HTML body, attendees and location, and no Teams meeting", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    const created = await calendar.createEvent(draft());
    const stored = mailbox(aiko.id).find((e) => e["id"] === created.id);
    expect(stored).toMatchObject({
      subject: "Roadmap review",
      type: "singleInstance",
      iCalUId: created.iCalUId,
      body: { contentType: "html", content: expect.stringContaining("Webex meeting</a>") },
      location: { displayName: "Webex meeting 2550 123 4567" },
      isOnlineMeeting: false,
      onlineMeetingProvider: "unknown",
      originalStartTimeZone: "Europe/Stockholm",
      start: { dateTime: "2031-03-10T09:00:00.0000000", timeZone: "UTC" },
      attendees: [
        { type: "required", emailAddress: { address: "lars.berg@contoso.se", name: "Lars Berg" } },
        { type: "required", emailAddress: { address: "partner@fabrikam.com" } },
      ],
      singleValueExtendedProperties: [{ id: WEBEX_MEETING_ID_PROPERTY, value: "0123456789abcdef0123456789abcdef" }],
    });
    expect(created.webLink).toMatch(/^https:\/\//);
    expect(created.changeKey).toEqual(expect.any(String));
  });

  it("creating again with the same transactionId returns the first event instead of a duplicate", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    const before = mailbox(aiko.id).length;
    const input = draft();
    const first = await calendar.createEvent(input);
    const second = await calendar.createEvent({ ...input });
    expect(second.id).toBe(first.id);
    expect(mailbox(aiko.id)).toHaveLength(before + 1);
  });

  it("writes a weekly series as a series master with Outlook's recurrence pattern", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    const created = await calendar.createEvent(
      draft({ recurrence: { recurrence: { frequency: "weekly", interval: 2, daysOfWeek: ["monday", "wednesday"], count: 6 }, startDate: "2031-03-10" } }),
    );
    const stored = mailbox(aiko.id).find((e) => e["id"] === created.id);
    expect(stored).toMatchObject({
      type: "seriesMaster",
      recurrence: {
        pattern: { type: "weekly", interval: 2, daysOfWeek: ["monday", "wednesday"], firstDayOfWeek: "monday" },
        range: { type: "numbered", startDate: "2031-03-10", numberOfOccurrences: 6, recurrenceTimeZone: "Europe/Stockholm" },
      },
    });
  });

  it("repeats a monthly series without a given date on the start date's day of the month until the last date", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    const created = await calendar.createEvent(draft({ recurrence: { recurrence: { frequency: "monthly", interval: 1, until: "2031-12-31" }, startDate: "2031-03-10" } }));
    expect(mailbox(aiko.id).find((e) => e["id"] === created.id)).toMatchObject({
      recurrence: { pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: 10 }, range: { type: "endDate", startDate: "2031-03-10", endDate: "2031-12-31" } },
    });
  });

  it("lists only events carrying a Webex meeting, occurrences of series included, in the zone asked for, across pages", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id }, { pageSize: 2 });
    const single = await calendar.createEvent(draft());
    const series = await calendar.createEvent(
      draft({
        subject: "Daily stand-up",
        webexMeetingId: "fedcba9876543210fedcba9876543210",
        start: { dateTime: "2031-03-11T09:00:00", timeZone: "Europe/Stockholm" },
        end: { dateTime: "2031-03-11T09:15:00", timeZone: "Europe/Stockholm" },
        recurrence: { recurrence: { frequency: "daily", interval: 1, count: 3 }, startDate: "2031-03-11" },
      }),
    );
    // Someone else's event in the same days: not ours, not listed.
    await client.api(`/users/${aiko.id}/events`).post({
      subject: "Lunch",
      start: { dateTime: "2031-03-10T12:00:00", timeZone: "Europe/Stockholm" },
      end: { dateTime: "2031-03-10T13:00:00", timeZone: "Europe/Stockholm" },
    });

    const range = { start: new Date("2031-03-09T00:00:00Z"), end: new Date("2031-03-20T00:00:00Z") };
    const events = await calendar.listWebexEvents(range, "Asia/Tokyo");
    expect(events.map((e) => e.subject)).toEqual(["Roadmap review", "Daily stand-up", "Daily stand-up", "Daily stand-up"]);
    expect(events[0]).toMatchObject({
      id: single.id,
      start: "2031-03-10T18:00:00.0000000",
      end: "2031-03-10T18:30:00.0000000",
      timeZone: "Asia/Tokyo",
      type: "singleInstance",
      seriesMasterId: null,
      webexMeetingId: "0123456789abcdef0123456789abcdef",
      attendeesCount: 2,
    });
    for (const occurrence of events.slice(1)) {
      expect(occurrence).toMatchObject({ type: "occurrence", seriesMasterId: series.id, webexMeetingId: "fedcba9876543210fedcba9876543210" });
    }
    expect(events[1]!.start).toBe("2031-03-11T17:00:00.0000000");

    // Selecting on our side gives the same answer when the server-side filter is turned off.
    const unfiltered = createGraphCalendar(client, { userId: aiko.id }, { pageSize: 3, filterOnServer: false });
    expect((await unfiltered.listWebexEvents(range, "Asia/Tokyo")).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it("reads one event with its Webex meeting id, tells a foreign event apart, and reports a missing one as undefined", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    const ours = await calendar.createEvent(draft());
    const foreign = (await client.api(`/users/${aiko.id}/events`).post({
      subject: "Dentist",
      start: { dateTime: "2031-03-12T08:00:00", timeZone: "UTC" },
      end: { dateTime: "2031-03-12T09:00:00", timeZone: "UTC" },
    })) as { id: string };
    expect(await calendar.getEvent(ours.id, "Europe/Stockholm")).toMatchObject({ webexMeetingId: "0123456789abcdef0123456789abcdef", start: "2031-03-10T10:00:00.0000000", timeZone: "Europe/Stockholm" });
    expect(await calendar.getEvent(foreign.id)).toMatchObject({ subject: "Dentist", webexMeetingId: null, timeZone: "UTC" });
    await calendar.deleteEvent(ours.id);
    expect(await calendar.getEvent(ours.id)).toBeUndefined();
  });

  it("deletes the event, and deleting it again is not an error", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    const created = await calendar.createEvent(draft());
    await calendar.deleteEvent(created.id);
    expect(mailbox(aiko.id).some((e) => e["id"] === created.id)).toBe(false);
    await expect(calendar.deleteEvent(created.id)).resolves.toBeUndefined();
  });

  it("a 503 from Graph is retried and the event is still created exactly once", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    sandbox.graph.state.faults.add({ path: `/users/${aiko.id}/events`, method: "POST", times: 1, fault: { status: 503, retryAfterSeconds: 0 } });
    const input = draft();
    const created = await calendar.createEvent(input);
    expect(sandbox.graph.state.faults.list()).toHaveLength(0); // the injected 503 was answered
    expect(mailbox(aiko.id).filter((e) => e["transactionId"] === input.transactionId).map((e) => e["id"])).toEqual([created.id]);
  });

  it("a Graph that keeps answering 503 surfaces as an error carrying Graph's request id", async () => {
    const calendar = createGraphCalendar(client, { userId: aiko.id });
    sandbox.graph.state.faults.add({ path: `/users/${aiko.id}/events`, method: "POST", times: null, fault: { status: 503, retryAfterSeconds: 0 } });
    const input = draft();
    const error = await calendar.createEvent(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).statusCode).toBe(503);
    expect((error as GraphError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(mailbox(aiko.id).some((e) => e["transactionId"] === input.transactionId)).toBe(false);
  });
});
