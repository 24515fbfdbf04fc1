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

  it("cancel alone lists the meetings to pick from", async () => {
    const text = cardText(cardOf((await h.say("cancel", { from: "grace.kim" }))[0]));
    expect(text).toContain("No Webex meetings in the next 7 days");
  });
});
