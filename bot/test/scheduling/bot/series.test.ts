/**
 * Series the user describes in words — "the first Tuesday of every month", "until June 30" —
 * through the real bot over HTTP against the sandbox: what the draft card says, and what lands in
 * Outlook (Graph's patternedRecurrence) and in Webex (the RRULE).
 */
import { userByLocal } from "../../../../sandbox/tenant";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { actionData, cardOf, input, links } from "./cards";

// One bot and sandbox for the whole file: both groups below use it.
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h?.close());

async function draftFor(text: string, options: Parameters<BotHarness["say"]>[1] = {}) {
  const card = cardOf((await h.say(text, options))[0]);
  return { card, draftId: String(actionData(card, "draft.schedule").draftId) };
}

describe("series with a last date and on the nth weekday of the month", () => {
  it("shows 'the first Tuesday … until' on the card and writes relativeMonthly to Outlook and BYDAY=1TU;UNTIL to Webex", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const { card, draftId } = await draftFor("schedule Roadmap planning with Aiko monthly on the first Tuesday at 10am for 30 min until June 30");
    expect(cardText(card)).toMatch(/Every month on the first Tuesday · until Jun 30, 20\d\d/);
    expect(input(card, "recurrence")?.value).toBe("monthly");
    const until = String(input(card, "repeatUntil")?.value);
    expect(until).toMatch(/^20\d\d-06-30$/);
    const date = String(input(card, "date")?.value);
    const start = new Date(`${date}T00:00:00Z`);
    expect(start.getUTCDay()).toBe(2);
    expect(start.getUTCDate()).toBeLessThanOrEqual(7);

    const res = await h.invoke("draft.schedule", { draftId });
    expect(links(res.body.value)["Join"]).toBeDefined();
    expect(cardText(res.body.value)).toMatch(/Every month on the first Tuesday · until Jun 30, 20\d\d/);
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Roadmap planning");
    expect(meeting?.recurrence).toMatch(/^FREQ=MONTHLY;INTERVAL=1;BYDAY=1TU;UNTIL=\d{8}T\d{6}Z$/);
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Roadmap planning");
    expect(event?.type).toBe("seriesMaster");
    expect(event?.recurrence).toMatchObject({
      pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], index: "first" },
      range: { type: "endDate", startDate: date, endDate: until },
    });
  });

  it("takes a last date typed on the card, and says so in the user's language", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const { card, draftId } = await draftFor("boka Fredagsfika sista fredagen i varje månad kl 15 i 30 minuter", { locale: "sv-SE" });
    expect(cardText(card)).toContain("Den sista fredagen varje månad");
    const [year] = String(input(card, "date")?.value).split("-");
    const lastDate = `${Number(year) + 1}-03-31`;
    const checked = await h.invoke("draft.update", { draftId, repeatUntil: lastDate }, { locale: "sv-SE" });
    expect(cardText(checked.body.value)).toMatch(/Den sista fredagen varje månad · till och med 31 mars \d{4}/);
    await h.invoke("draft.schedule", { draftId, repeatUntil: lastDate }, { locale: "sv-SE" });
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Fredagsfika");
    expect(event?.recurrence).toMatchObject({ pattern: { type: "relativeMonthly", index: "last", daysOfWeek: ["friday"] }, range: { type: "endDate", endDate: lastDate } });
  });

  it("describes a series picked on the card as it will be sent: on the start's day of the month or weekday", async () => {
    const { card, draftId } = await draftFor("schedule Retro tomorrow 10:00 for 30 min");
    const date = String(input(card, "date")?.value);
    expect(input(card, "repeatUntil")).toBeUndefined();
    const monthly = await h.invoke("draft.update", { draftId, recurrence: "monthly" });
    expect(cardText(monthly.body.value)).toContain(`Every month on day ${Number(date.slice(8))}`);
    expect(input(monthly.body.value, "repeatUntil")).toBeDefined();
    const weekly = await h.invoke("draft.update", { draftId, recurrence: "weekly" });
    const weekday = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
    expect(cardText(weekly.body.value)).toContain(`Every ${weekday}`);
  });

  it("names a weekly series by its days, as people say it, in each language", async () => {
    expect(cardText((await draftFor("boka Veckomöte varje måndag 09:00 i 30 minuter", { locale: "sv-SE" })).card)).toContain("Varje måndag");
    expect(cardText((await draftFor("schedule Sync every Monday and Wednesday at 9:00")).card)).toContain("Every Monday and Wednesday");
    expect(cardText((await draftFor("schedule Retro every other Friday at 14:00")).card)).toContain("Every 2 weeks on Friday");
    expect(cardText((await draftFor("毎週月曜 9:00 から30分 定例を予約して", { locale: "ja-JP", from: "aiko.tanaka" })).card)).toContain("毎週月曜日");
  });

  it("says why when the date moved off the series' day, instead of 'pick one'", async () => {
    const { card, draftId } = await draftFor("schedule Review monthly on the first Tuesday at 10am for 30 min");
    const date = new Date(`${String(input(card, "date")?.value)}T00:00:00Z`);
    const wednesday = new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10);
    const res = await h.invoke("draft.schedule", { draftId, date: wednesday });
    const text = cardText(res.body.value);
    expect(text).toContain("The date isn't one of the series' days");
    expect(h.sandbox.webex.meetings.list().some((m) => m.title === "Review")).toBe(false);
  });
});

describe("invitees and the time zone are edited on the draft card", () => {
  it("leaves out an invitee whose box is cleared, and keeps the rest", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const card = cardOf((await h.say("schedule Budget check with Aiko and guest@fabrikam.com tomorrow 10:00 for 30 min"))[0]);
    const draftId = String(actionData(card, "draft.schedule").draftId);
    const ticked = String(input(card, "invitees")?.value).split(",");
    expect(ticked).toEqual(expect.arrayContaining(["guest@fabrikam.com", expect.stringMatching(/^aiko/i)]));
    await h.invoke("draft.schedule", { draftId, invitees: "guest@fabrikam.com" });
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Budget check") as { attendees: { emailAddress: { address: string } }[] } | undefined;
    expect(event?.attendees.map((a) => a.emailAddress.address)).toEqual(["guest@fabrikam.com"]);
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Budget check");
    expect(meeting?.invitees.map((i) => i.email)).toEqual(["guest@fabrikam.com"]);
  });

  it("invites nobody when every box is cleared, as Teams sends it: the button's data without the empty input", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const card = cardOf((await h.say("schedule Solo focus with Aiko tomorrow 11:00 for 30 min"))[0]);
    const action = actionData(card, "draft.schedule");
    // What Teams merges: the button's data, then every input that has a value — not "invitees",
    // where nothing is ticked.
    const inputs = Object.fromEntries(
      ["title", "date", "startTime", "durationMinutes", "recurrence", "timeZone", "agenda"].map((id) => [id, input(card, id)?.value]).filter(([, v]) => v !== undefined && v !== ""),
    );
    await h.invoke("draft.schedule", { ...action, ...inputs });
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Solo focus");
    expect(meeting?.invitees).toEqual([]);
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Solo focus") as { attendees: unknown[] } | undefined;
    expect(event?.attendees).toEqual([]);
  });

  it("moves the meeting to a zone typed as a city, and flags one it does not know", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const card = cardOf((await h.say("schedule Tokyo sync tomorrow 10:00 for 30 min"))[0]);
    const draftId = String(actionData(card, "draft.schedule").draftId);
    expect(input(card, "timeZone")?.value).toBe(lars.timeZone);
    const unknown = await h.invoke("draft.update", { draftId, timeZone: "Mars/Olympus" });
    expect(cardText(unknown.body.value)).toContain("I don't know that time zone");
    // Intl takes "EST", but it never changes for summer time: refused like an unknown zone.
    const fixed = await h.invoke("draft.schedule", { draftId, timeZone: "EST" });
    expect(cardText(fixed.body.value)).toContain("I don't know that time zone");
    expect(h.sandbox.webex.meetings.list().some((m) => m.title === "Tokyo sync")).toBe(false);
    const checked = await h.invoke("draft.update", { draftId, timeZone: "tokyo" });
    expect(input(checked.body.value, "timeZone")?.value).toBe("Asia/Tokyo");
    expect(cardText(checked.body.value)).toContain("(Asia/Tokyo)");
    await h.invoke("draft.schedule", { draftId });
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Tokyo sync") as { originalStartTimeZone: string; start: { dateTime: string } } | undefined;
    // Graph answers in UTC; the zone the event was written in is kept as originalStartTimeZone, and 10:00 in Tokyo is 01:00 UTC.
    expect(event?.originalStartTimeZone).toBe("Asia/Tokyo");
    expect(event?.start.dateTime).toMatch(/T01:00:00/);
  });
});
