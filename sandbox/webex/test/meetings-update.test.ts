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

async function create(overrides: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await call(h, "POST", "/v1/meetings", aiko, meetingBody(overrides));
  expect(r.status).toBe(200);
  return r.body;
}

const WEEKLY = { recurrence: "FREQ=WEEKLY;COUNT=4", start: "2026-11-24T14:00:00Z", end: "2026-11-24T14:30:00Z", timezone: "UTC" };
const occurrenceIds = async (seriesId: string): Promise<string[]> =>
  (await call(h, "GET", `/v1/meetings?meetingSeriesId=${seriesId}&from=2026-11-20T00:00:00Z&to=2027-01-31T00:00:00Z`, aiko)).body.items.map((i: { id: string; start: string }) => `${i.id}@${i.start}`);

describe("PATCH /v1/meetings/{id}", () => {
  it("changes only the attributes sent, answering the list-shaped meeting", async () => {
    const m = await create({ agenda: "Old agenda" });
    const r = await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { title: "Renamed" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: m.id, meetingSeriesId: m.id, title: "Renamed", agenda: "Old agenda", password: m.password, start: m.start, end: m.end });
    expect((await call(h, "GET", `/v1/meetings/${m.id}`, aiko)).body.title).toBe("Renamed");
  });

  it("removes agenda and recurrence when they are set to null", async () => {
    const m = await create({ ...WEEKLY, agenda: "Agenda" });
    const r = await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { agenda: null, recurrence: null });
    expect(r.body.agenda).toBeUndefined();
    expect(r.body.recurrence).toBeUndefined();
    expect(await occurrenceIds(m.id)).toHaveLength(1);
  });

  it("moves a meeting and validates the new time like a new one", async () => {
    const m = await create();
    const moved = await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { start: "2026-11-25T10:00:00Z", end: "2026-11-25T11:00:00Z" });
    expect(moved.body).toMatchObject({ start: "2026-11-25T11:00:00+01:00", end: "2026-11-25T12:00:00+01:00" });
    expectWebexError(await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { start: "2026-11-19T10:00:00Z" }), 400);
    expectWebexError(await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { end: "2026-11-25T10:05:00Z" }), 400);
    expectWebexError(await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { title: "" }), 400);
  });

  it("changes one occurrence without touching the others, keeping its id", async () => {
    const m = await create(WEEKLY);
    const id = `${m.id}_20261201T140000Z`;
    const r = await call(h, "PATCH", `/v1/meetings/${id}`, aiko, { title: "Special edition", start: "2026-12-01T16:00:00Z", end: "2026-12-01T16:30:00Z" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, meetingSeriesId: m.id, title: "Special edition", start: "2026-12-01T16:00:00Z", isModified: true, meetingType: "scheduledMeeting" });
    const other = await call(h, "GET", `/v1/meetings/${m.id}_20261208T140000Z`, aiko);
    expect(other.body).toMatchObject({ title: "Design review", isModified: false });
    expectWebexError(await call(h, "PATCH", `/v1/meetings/${id}`, aiko, { recurrence: "FREQ=DAILY" }), 400);
  });

  it("cancels the exceptions of a series whose time or rule changes", async () => {
    const m = await create(WEEKLY);
    await call(h, "PATCH", `/v1/meetings/${m.id}_20261201T140000Z`, aiko, { start: "2026-12-01T16:00:00Z", end: "2026-12-01T16:30:00Z" });
    await call(h, "DELETE", `/v1/meetings/${m.id}_20261208T140000Z`, aiko);
    await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { title: "Only a rename" });
    expect(h.emu.meetings.get(m.id)!.exceptions).toHaveLength(2);

    await call(h, "PATCH", `/v1/meetings/${m.id}`, aiko, { start: "2026-11-24T15:00:00Z", end: "2026-11-24T15:30:00Z" });
    expect(h.emu.meetings.get(m.id)!.exceptions).toHaveLength(0);
    expect(await occurrenceIds(m.id)).toEqual([
      `${m.id}_20261124T150000Z@2026-11-24T15:00:00Z`,
      `${m.id}_20261201T150000Z@2026-12-01T15:00:00Z`,
      `${m.id}_20261208T150000Z@2026-12-08T15:00:00Z`,
      `${m.id}_20261215T150000Z@2026-12-15T15:00:00Z`,
    ]);
  });

  it("answers 404 for someone else's meeting but lets an admin-scoped token change it", async () => {
    const m = await create();
    const lars = h.emu.issueToken(LARS, USER_SCOPES);
    expectWebexError(await call(h, "PATCH", `/v1/meetings/${m.id}`, lars, { title: "Mine now" }), 404);
    const admin = h.emu.issueToken(DANIEL_ADMIN, ADMIN_SCOPE_SET);
    expect((await call(h, "PATCH", `/v1/meetings/${m.id}`, admin, { title: "Fixed by IT", hostEmail: AIKO })).status).toBe(200);
    expectWebexError(await call(h, "PATCH", `/v1/meetings/${m.id}`, admin, { title: "Wrong host", hostEmail: LARS }), 404);
  });
});

describe("PUT /v1/meetings/{id}", () => {
  it("requires title, start and end", async () => {
    const m = await create();
    const r = await call(h, "PUT", `/v1/meetings/${m.id}`, aiko, { title: "Only a title" });
    expectWebexError(r, 400);
    expect(r.body.errors.map((e: { description: string }) => e.description).join(" ")).toMatch(/start.*end/);
  });

  it("replaces the meeting: omitted agenda and recurrence are removed, the password kept", async () => {
    const m = await create({ ...WEEKLY, agenda: "Agenda" });
    const r = await call(h, "PUT", `/v1/meetings/${m.id}`, aiko, { title: "Replaced", start: "2026-11-26T10:00:00Z", end: "2026-11-26T11:00:00Z" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ title: "Replaced", password: m.password, start: "2026-11-26T10:00:00Z" });
    expect(r.body.agenda).toBeUndefined();
    expect(r.body.recurrence).toBeUndefined();
  });
});

describe("DELETE /v1/meetings/{id}", () => {
  it("answers 204, after which the meeting is gone", async () => {
    const m = await create();
    const r = await call(h, "DELETE", `/v1/meetings/${m.id}`, aiko);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}`, aiko), 404);
    expectWebexError(await call(h, "DELETE", `/v1/meetings/${m.id}`, aiko), 404);
  });

  it("deletes a single occurrence for an occurrence id", async () => {
    const m = await create(WEEKLY);
    expect((await call(h, "DELETE", `/v1/meetings/${m.id}_20261201T140000Z`, aiko)).status).toBe(204);
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}_20261201T140000Z`, aiko), 404);
    expect((await call(h, "GET", `/v1/meetings/${m.id}`, aiko)).status).toBe(200);
    expect(await occurrenceIds(m.id)).toHaveLength(3);
  });

  it("removes the series when its last occurrence is deleted", async () => {
    const m = await create();
    expect((await call(h, "DELETE", `/v1/meetings/${m.id}_20261124T140000Z`, aiko)).status).toBe(204);
    expectWebexError(await call(h, "GET", `/v1/meetings/${m.id}`, aiko), 404);
  });

  it("does not let another user delete the meeting", async () => {
    const m = await create();
    const lars = h.emu.issueToken(LARS, USER_SCOPES);
    expectWebexError(await call(h, "DELETE", `/v1/meetings/${m.id}`, lars), 404);
    expect((await call(h, "GET", `/v1/meetings/${m.id}`, aiko)).status).toBe(200);
  });
});
