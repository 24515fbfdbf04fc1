/**
 * Reschedule as a Teams user does it: schedule a meeting, open "upcoming", press Reschedule,
 * change the time and Save — against the sandbox's Outlook calendar and Webex over HTTPS.
 */
import { userByLocal } from "../../../../sandbox/tenant";
import { graphDateTimeToInstant, zonedToInstant } from "../../../src/scheduling/time";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { actionData, cardOf, findAll, input, links } from "./cards";

const ZONE = "Europe/Stockholm"; // Lars Berg's zone in the demo tenant

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

describe("reschedule", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h?.close());

  it("the scheduled card offers Reschedule and shows the join link as text to copy", async () => {
    const draft = cardOf((await h.say("schedule Link check with Aiko tomorrow 2pm for 30 min", { locale: "en-GB" }))[0]);
    const done = await h.invoke("draft.schedule", { draftId: actionData(draft, "draft.schedule").draftId }, { locale: "en-GB" });
    const join = links(done.body.value)["Join"];
    expect(join).toMatch(/^https:\/\//);
    expect(cardText(done.body.value)).toContain(`Link: ${join}`);
    expect(findAll(done.body.value, (o) => o.type === "Action.Execute").map((o) => o.title)).toEqual(["Reschedule", "Cancel"]);
    expect(actionData(done.body.value, "meeting.reschedule").eventId).toEqual(expect.any(String));
  });

  it("moves a meeting from upcoming: the Outlook event and the Webex meeting both move, and the card says where to", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const draft = cardOf((await h.say("schedule Design review with Aiko tomorrow 3pm for 45 min", { locale: "en-GB" }))[0]);
    await h.invoke("draft.schedule", { draftId: actionData(draft, "draft.schedule").draftId }, { locale: "en-GB" });
    const before = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Design review") as { changeKey: string } | undefined;
    expect(before).toBeDefined();

    const list = cardOf((await h.say("upcoming", { locale: "en-GB" }))[0]);
    const row = findAll(list, (o) => o.type === "Container" && cardText(o).includes("Design review"))[0];
    const form = (await h.invoke("meeting.reschedule", actionData(row, "meeting.reschedule"), { locale: "en-GB" })).body.value;
    expect(cardText(form)).toContain("Move *Design review*");
    expect(cardText(form)).toContain("15:00–15:45");
    expect(input(form, "startTime")?.value).toBe("15:00");
    expect(input(form, "durationMinutes")?.value).toBe(45);
    const tomorrow = String(input(form, "date")?.value);
    expect(tomorrow).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const day = nextDay(tomorrow);
    // Teams sends the inputs as strings, merged into the button's data.
    const saved = await h.invoke("meeting.reschedule.save", { ...actionData(form, "meeting.reschedule.save"), date: day, startTime: "16:00", durationMinutes: "45" }, { locale: "en-GB" });
    expect(saved.status).toBe(200);
    const text = cardText(saved.body.value);
    expect(text).toMatch(/Moved to .*16:00–16:45\. Outlook sent the update\./);
    expect(input(saved.body.value, "startTime")?.value).toBe("16:00");

    const expected = zonedToInstant(day, "16:00", ZONE);
    if (!expected.ok) throw new Error("bad test date");
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Design review") as { start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string }; changeKey: string };
    expect(graphDateTimeToInstant(event.start.dateTime, event.start.timeZone)?.toISOString()).toBe(expected.instant.toISOString());
    expect(graphDateTimeToInstant(event.end.dateTime, event.end.timeZone)?.getTime()).toBe(expected.instant.getTime() + 45 * 60_000);
    expect(event.changeKey).not.toBe(before!.changeKey);

    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Design review");
    expect(new Date(meeting!.start).toISOString()).toBe(expected.instant.toISOString());
    expect(new Date(meeting!.end).getTime()).toBe(expected.instant.getTime() + 45 * 60_000);
  });

  it("a time in the past is flagged on the card and nothing moves; Keep it leaves the meeting alone", async () => {
    const draft = cardOf((await h.say("schedule Budget sync with Aiko tomorrow 10am for 30 min", { locale: "en-GB" }))[0]);
    const done = await h.invoke("draft.schedule", { draftId: actionData(draft, "draft.schedule").draftId }, { locale: "en-GB" });
    const form = (await h.invoke("meeting.reschedule", actionData(done.body.value, "meeting.reschedule"), { locale: "en-GB" })).body.value;
    const webexBefore = h.sandbox.webex.meetings.list().find((m) => m.title === "Budget sync")!.start;

    const refused = await h.invoke("meeting.reschedule.save", { ...actionData(form, "meeting.reschedule.save"), date: "2020-01-02", startTime: "10:00", durationMinutes: "30" }, { locale: "en-GB" });
    expect(cardText(refused.body.value)).toContain("That date has passed — pick another.");
    expect(input(refused.body.value, "date")?.value).toBe("2020-01-02");
    expect(h.sandbox.webex.meetings.list().find((m) => m.title === "Budget sync")!.start).toBe(webexBefore);

    const kept = await h.invoke("meeting.reschedule.keep", actionData(form, "meeting.reschedule.keep"), { locale: "en-GB" });
    expect(cardText(kept.body.value)).toContain("Kept *Budget sync* at its time.");
  });
});
