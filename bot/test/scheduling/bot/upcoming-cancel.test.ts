/** upcoming and cancel as a Teams user sees them, against the sandbox calendar and Webex. */
import { userByLocal } from "../../../../sandbox/tenant";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { actionData, cardOf, links } from "./cards";

describe("upcoming and cancel", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h?.close());

  it("says there is nothing coming up, and offers to schedule one", async () => {
    const text = cardText(cardOf((await h.say("upcoming", { from: "grace.kim" }))[0]));
    expect(text).toContain("No Webex meetings in the next 7 days");
    expect(text).toContain("Schedule one");
  });

  it("lists the meeting just scheduled with a join link, and cancelling removes it from Outlook and Webex", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const draft = cardOf((await h.say("schedule Design review with Aiko and Mia tomorrow 3pm for 45 min"))[0]);
    const scheduled = await h.invoke("draft.schedule", { draftId: actionData(draft, "draft.schedule").draftId });
    const join = links(scheduled.body.value)["Join"];

    const list = cardOf((await h.say("upcoming"))[0]);
    expect(cardText(list)).toContain("Design review");
    expect(links(list)["Join"]).toBe(join);

    const ask = await h.invoke("meeting.cancel", actionData(list, "meeting.cancel"));
    expect(cardText(ask.body.value)).toContain("Cancel *Design review* for 2 invitees?");
    const kept = await h.invoke("meeting.cancel.keep", actionData(ask.body.value, "meeting.cancel.keep"));
    expect(cardText(kept.body.value)).toContain("Kept");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Design review")).toHaveLength(1);

    const done = await h.invoke("meeting.cancel.confirm", actionData(ask.body.value, "meeting.cancel.confirm"));
    expect(cardText(done.body.value)).toContain("Cancelled. Outlook sent the cancellation.");
    expect(h.sandbox.graph.state.events(lars.id).filter((e) => e.subject === "Design review")).toHaveLength(0);
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Design review")).toHaveLength(0);
  });

  it("a cancel that failed at Webex can be retried and leaves no Webex meeting behind", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const draft = cardOf((await h.say("schedule Budget check with Aiko tomorrow 4pm for 30 min"))[0]);
    await h.invoke("draft.schedule", { draftId: actionData(draft, "draft.schedule").draftId });
    const list = cardOf((await h.say("upcoming"))[0]);
    const ask = await h.invoke("meeting.cancel", actionData(list, "meeting.cancel"));
    expect(cardText(ask.body.value)).toContain("Budget check");

    const fault = await fetch(`${h.sandbox.urls.webex}/_sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "DELETE", path: "/v1/meetings/*", status: 500, count: 10 }),
    });
    expect(fault.ok).toBe(true);
    const failed = await h.invoke("meeting.cancel.confirm", actionData(ask.body.value, "meeting.cancel.confirm"));
    expect(h.sandbox.graph.state.events(lars.id).filter((e) => e.subject === "Budget check")).toHaveLength(0);
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Budget check")).toHaveLength(1);

    await fetch(`${h.sandbox.urls.webex}/_sandbox/faults`, { method: "DELETE" });
    const retried = await h.invoke("meeting.cancel.confirm", actionData(failed.body.value, "meeting.cancel.confirm"));
    expect(cardText(retried.body.value)).toContain("Cancelled. Outlook sent the cancellation.");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "Budget check")).toHaveLength(0);
  });

  it("cancel alone lists the meetings to pick from", async () => {
    const text = cardText(cardOf((await h.say("cancel", { from: "grace.kim" }))[0]));
    expect(text).toContain("No Webex meetings in the next 7 days");
  });
});
