/**
 * Scheduling from a personal chat, end to end: Teams-shaped activities over HTTP to the real bot,
 * the sandbox's Graph and Webex over HTTPS, the real store (tenant mode: admin consent + a Webex
 * service token, so everyone is ready without signing in).
 */
import { userByLocal } from "../../../../sandbox/tenant";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { actionData, cardOf, input, links } from "./cards";

const PROPERTY_NAME = "webexMeetingId";

describe("schedule from chat (tenant mode)", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h?.close());
  afterEach(async () => {
    await fetch(`${h.sandbox.urls.graph}/_sandbox/faults`, { method: "DELETE" });
  });

  async function draftFor(text: string, options: Parameters<BotHarness["say"]>[1] = {}) {
    const replies = await h.say(text, options);
    const card = cardOf(replies[0]);
    return { card, draftId: String(actionData(card, "draft.schedule").draftId) };
  }

  it("turns one English sentence into a draft card, and Schedule puts the meeting in Outlook and Webex with a join link", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const { card, draftId } = await draftFor("schedule Design review with Aiko and Lars tomorrow 3pm for 45 min", { locale: "en-GB" });
    const text = cardText(card);
    expect(text).toContain("Design review");
    expect(text).toContain("Aiko Tanaka");
    expect(text).toContain("15:00–15:45");
    expect(text).toContain("Europe/Stockholm");
    expect(input(card, "durationMinutes")?.value).toBe(45);

    const before = h.sandbox.webex.meetings.list().length;
    const res = await h.invoke("draft.schedule", { draftId }, { from: "lars.berg" });
    expect(res.status).toBe(200);
    const done = cardText(res.body.value);
    expect(done).toContain("Scheduled. Invitations sent from your Outlook calendar.");
    const join = links(res.body.value)["Join"];
    expect(join).toMatch(/^https:\/\//);

    const meetings = h.sandbox.webex.meetings.list();
    expect(meetings).toHaveLength(before + 1);
    const meeting = meetings[meetings.length - 1]!;
    expect(meeting).toMatchObject({ title: "Design review", hostEmail: "lars.berg@contoso.se", sendEmail: false });
    expect(done).toContain(meeting.meetingNumber);

    const events = h.sandbox.graph.state.events(lars.id).filter((e) => e.subject === "Design review");
    expect(events).toHaveLength(1);
    const event = events[0] as { attendees: { emailAddress: { address: string } }[]; singleValueExtendedProperties: { id: string; value: string }[] };
    // Lars organises: only Aiko is invited (the organizer is never his own attendee).
    expect(event.attendees.map((a) => a.emailAddress.address)).toEqual(["aiko.tanaka@contoso.com"]);
    expect(event.singleValueExtendedProperties.find((p) => p.id.endsWith(PROPERTY_NAME))?.value).toBe(meeting.id);
  });

  it("a second press of Schedule shows the same meeting and creates nothing new", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const { draftId } = await draftFor("schedule Budget check with Aiko tomorrow 4pm for 30 min");
    const [first, second] = await Promise.all([h.invoke("draft.schedule", { draftId }), h.invoke("draft.schedule", { draftId })]);
    const third = await h.invoke("draft.schedule", { draftId });
    const joins = [first, second, third].map((r) => links(r.body.value)["Join"]);
    expect(joins[0]).toBeDefined();
    expect(new Set(joins).size).toBe(1);
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Budget check")).toHaveLength(1);
    expect(h.sandbox.graph.state.events(lars.id).filter((e) => e.subject === "Budget check")).toHaveLength(1);
  });

  it("when Outlook keeps failing after Webex succeeded, the card explains and no Webex meeting is left behind", async () => {
    const { draftId } = await draftFor("schedule Roadmap with Aiko tomorrow 11am for 30 min");
    await fetch(`${h.sandbox.urls.graph}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/users/*/events", method: "POST", times: null, fault: { status: 503 } }),
    });
    const res = await h.invoke("draft.schedule", { draftId });
    const text = cardText(res.body.value);
    expect(text).toContain("Couldn't add the meeting to your calendar (Microsoft 365 is busy). Nothing was created — the Webex meeting was removed too.");
    expect(text).toContain("Try again");
    // The draft is kept: the title is still in its field.
    expect(input(res.body.value, "title")?.value).toBe("Roadmap");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Roadmap")).toHaveLength(0);

    await fetch(`${h.sandbox.urls.graph}/_sandbox/faults`, { method: "DELETE" });
    const retry = await h.invoke("draft.schedule", { draftId });
    expect(cardText(retry.body.value)).toContain("Scheduled.");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Roadmap")).toHaveLength(1);
  });

  it("asks for the date when it cannot read it, keeping the rest of the request", async () => {
    const { card, draftId } = await draftFor("schedule planning on the 45th");
    expect(cardText(card)).toContain("I couldn't read the date — pick one.");
    expect(input(card, "date")?.value).toBe("");
    expect(input(card, "title")?.value).toBe("planning");
    const res = await h.invoke("draft.schedule", { draftId });
    expect(cardText(res.body.value)).toContain("I couldn't read the date — pick one.");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "planning")).toHaveLength(0);
  });

  it("Check refreshes the card with the edits and flags what is still wrong; Discard forgets the draft", async () => {
    const { draftId } = await draftFor("schedule Retro with Aiko tomorrow 5pm for 30 min");
    const checked = await h.invoke("draft.update", { draftId, title: "Sprint retro", durationMinutes: 5 });
    expect(input(checked.body.value, "title")?.value).toBe("Sprint retro");
    expect(cardText(checked.body.value)).toContain("At least 10 minutes.");
    const discarded = await h.invoke("draft.discard", { draftId });
    expect(cardText(discarded.body.value)).toContain("Draft discarded.");
    const gone = await h.invoke("draft.schedule", { draftId });
    expect(cardText(gone.body.value)).toContain("no longer available");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Sprint retro")).toHaveLength(0);
  });

  it("edits on the card are applied when Schedule is pressed", async () => {
    const { draftId } = await draftFor("schedule planning on the 45th");
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const res = await h.invoke("draft.schedule", { draftId, title: "Planning", date: day, startTime: "10:00", durationMinutes: 25, recurrence: "none", moreEmails: "guest@fabrikam.com" });
    expect(cardText(res.body.value)).toContain("Scheduled.");
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Planning");
    expect(meeting?.invitees.map((i) => i.email)).toEqual(["guest@fabrikam.com"]);
  });
});

describe("a user who is not connected yet (individual mode)", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ adminConsent: false, webexServiceToken: false });
  });
  afterAll(() => h?.close());

  it("gets the connect card, and the request is kept for Continue", async () => {
    const replies = await h.say("schedule Design review with Aiko tomorrow 3pm for 45 min", { from: "aiko.tanaka" });
    const card = cardOf(replies[0]);
    const text = cardText(card);
    expect(text).toContain("Design review with Aiko tomorrow 3pm");
    expect(text).toContain("Continue");
    expect(Object.keys(links(card)).length).toBeGreaterThan(0);
    expect(h.sandbox.webex.meetings.list()).toHaveLength(0);
    // Still not connected: Continue shows the steps again rather than losing the request.
    const res = await h.invoke("draft.continue", {}, { from: "aiko.tanaka" });
    expect(cardText(res.body.value)).toContain("Continue");
  });
});
