import { SCOPES } from "../index";
import { ADMIN_SCOPE_SET, AIKO, call, DANIEL_ADMIN, expectWebexError, LARS, meetingBody, startHarness, USER_SCOPES, type Harness } from "./harness";

let h: Harness;
let aiko: string;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emu.reset();
  aiko = h.emu.issueToken(AIKO, USER_SCOPES);
});

async function create(token: string, overrides: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await call(h, "POST", "/v1/meetings", token, meetingBody(overrides));
  expect(r.status).toBe(200);
  return r.body;
}

const WEEKLY = { recurrence: "FREQ=WEEKLY;COUNT=5", start: "2026-11-24T14:00:00Z", end: "2026-11-24T14:30:00Z" };

describe("GET /v1/meetings/{id}", () => {
  it("returns the series, in UTC unless a timezone header asks otherwise", async () => {
    const m = await create(aiko);
    const utc = await call(h, "GET", `/v1/meetings/${m.id}`, aiko);
    expect(utc.status).toBe(200);
    expect(utc.body).toMatchObject({ id: m.id, title: "Design review", start: "2026-11-24T14:00:00Z", timezone: "UTC", meetingType: "meetingSeries" });
    const tokyo = await call(h, "GET", `/v1/meetings/${m.id}`, aiko, undefined, { timezone: "Asia/Tokyo" });
    expect(tokyo.body).toMatchObject({ start: "2026-11-24T23:00:00+09:00", timezone: "Asia/Tokyo" });
  });

  it("returns one occurrence for an occurrence id", async () => {
    const m = await create(aiko, WEEKLY);
    const r = await call(h, "GET", `/v1/meetings/${m.id}_20261201T140000Z`, aiko);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: `${m.id}_20261201T140000Z`, meetingSeriesId: m.id, meetingType: "scheduledMeeting", state: "scheduled", start: "2026-12-01T14:00:00Z", isModified: false });
  });

  it("answers 404 for an occurrence id that is not an occurrence", async () => {
    const m = await create(aiko, WEEKLY);
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}_20261202T140000Z`, aiko), 404);
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}_20270101T140000Z`, aiko), 404);
  });

  it("returns the next occurrence with current=true", async () => {
    const m = await create(aiko, WEEKLY);
    h.emu.advanceClock(8 * 24 * 3600 * 1000); // now 2026-11-28
    const r = await call(h, "GET", `/v1/meetings/${m.id}?current=true`, aiko);
    expect(r.body.id).toBe(`${m.id}_20261201T140000Z`);
  });

  it("hides a meeting from everyone but its host, except admin-scoped tokens", async () => {
    const m = await create(aiko);
    const lars = h.emu.issueToken(LARS, USER_SCOPES);
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}`, lars), 404);
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    expect((await call(h, "GET", `/v1/meetings/${m.id}`, admin)).status).toBe(200);
  });

  it("answers 403 without a meeting read scope", async () => {
    const m = await create(aiko);
    const writeOnly = h.emu.issueToken(AIKO, [SCOPES.schedulesWrite]);
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}`, writeOnly), 403);
  });
});

describe("GET /v1/meetings", () => {
  it("lists the caller's series of the next 7 days by default", async () => {
    const soon = await create(aiko);
    await create(aiko, { start: "2026-12-10T14:00:00Z", end: "2026-12-10T15:00:00Z" });
    await create(h.emu.issueToken(LARS, USER_SCOPES));
    const r = await call(h, "GET", "/v1/meetings", aiko);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([soon.id]);
    expect(r.body.items[0]).toMatchObject({ meetingSeriesId: soon.id, meetingType: "meetingSeries" });
  });

  it("computes the missing end of from/to as 7 days from the other", async () => {
    const later = await create(aiko, { start: "2026-12-10T14:00:00Z", end: "2026-12-10T15:00:00Z" });
    const fromOnly = await call(h, "GET", "/v1/meetings?from=2026-12-05T00:00:00Z", aiko);
    expect(fromOnly.body.items.map((i: { id: string }) => i.id)).toEqual([later.id]);
    const toOnly = await call(h, "GET", "/v1/meetings?to=2026-12-15T00:00:00Z", aiko);
    expect(toOnly.body.items.map((i: { id: string }) => i.id)).toEqual([later.id]);
    expectWebexError(await call(h, "GET", "/v1/meetings?from=2026-12-10T00:00:00Z&to=2026-12-01T00:00:00Z", aiko), 400);
  });

  it("expands occurrences for meetingType=scheduledMeeting", async () => {
    const m = await create(aiko, WEEKLY);
    const r = await call(h, "GET", "/v1/meetings?meetingType=scheduledMeeting&from=2026-11-20T00:00:00Z&to=2026-12-20T00:00:00Z", aiko);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([`${m.id}_20261124T140000Z`, `${m.id}_20261201T140000Z`, `${m.id}_20261208T140000Z`, `${m.id}_20261215T140000Z`]);
  });

  it("filters by integrationTag, visible only to the client that set it", async () => {
    const tagged = await create(aiko, { integrationTags: ["graph-event-1"] });
    await create(aiko);
    const mine = await call(h, "GET", "/v1/meetings?integrationTag=graph-event-1", aiko);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([tagged.id]);
    expect(mine.body.items[0].integrationTags).toEqual(["graph-event-1"]);
    const otherClient = h.emu.issueToken(AIKO, USER_SCOPES, { clientId: "Cother" });
    expect((await call(h, "GET", "/v1/meetings?integrationTag=graph-event-1", otherClient)).body.items).toEqual([]);
    expect((await call(h, "GET", `/v1/meetings/${tagged.id}`, otherClient)).body.integrationTags).toBeUndefined();
  });

  it("lists another host's meetings for an admin with hostEmail, and refuses it otherwise", async () => {
    const larsMeeting = await create(h.emu.issueToken(LARS, USER_SCOPES));
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    const r = await call(h, "GET", `/v1/meetings?hostEmail=${encodeURIComponent(LARS)}`, admin);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([larsMeeting.id]);
    expectWebexError(await call(h, "GET", `/v1/meetings?hostEmail=${encodeURIComponent(LARS)}`, aiko), 403);
  });

  it("pages with max and a Link header", async () => {
    const m = await create(aiko, { recurrence: "FREQ=DAILY;COUNT=25", start: "2026-11-21T09:00:00Z", end: "2026-11-21T09:30:00Z" });
    const seen: string[] = [];
    let path: string | undefined = "/v1/meetings?meetingType=scheduledMeeting&from=2026-11-20T00:00:00Z&to=2026-12-31T00:00:00Z";
    let pages = 0;
    while (path) {
      const r = await call(h, "GET", path, aiko);
      seen.push(...r.body.items.map((i: { id: string }) => i.id));
      pages++;
      const next = /^<([^>]+)>; rel="next"$/.exec(r.headers.get("link") ?? "")?.[1];
      path = next?.slice(h.url.length);
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe(`${m.id}_20261121T090000Z`);
  });

  it("answers 400 for max above 100", async () => {
    expectWebexError(await call(h, "GET", "/v1/meetings?max=101", aiko), 400);
  });

  it("finds a meeting by its number", async () => {
    const m = await create(aiko, { start: "2027-02-01T10:00:00Z", end: "2027-02-01T11:00:00Z" });
    const r = await call(h, "GET", `/v1/meetings?meetingNumber=${m.meetingNumber}`, aiko);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([m.id]);
  });
});
