/**
 * Who gets invited and in which language the draft speaks: Swedish and Japanese requests, a name
 * that fits two people, a guest's address, "the channel", a contact folder, a nested group and a
 * weekly series — all through the real bot over HTTP against the sandbox (tenant mode).
 */
import { userByLocal } from "../../../../sandbox/tenant";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { actionData, cardOf, findAll, input, links } from "./cards";

describe("drafts in other languages and with every kind of invitee", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h?.close());

  async function draftFor(text: string, options: Parameters<BotHarness["say"]>[1] = {}) {
    const replies = await h.say(text, options);
    const card = cardOf(replies[0]);
    return { card, draftId: String(actionData(card, "draft.schedule").draftId) };
  }

  it("answers a Swedish request with a Swedish draft card and the parsed title and time", async () => {
    const { card } = await draftFor("boka Veckomöte med Aiko i morgon 09:00 i 30 minuter", { locale: "sv-SE" });
    const text = cardText(card);
    expect(text).toContain("Nytt Webex-möte");
    expect(input(card, "title")?.value).toBe("Veckomöte");
    expect(input(card, "startTime")?.value).toBe("09:00");
    expect(text).toContain("09:00–09:30");
    expect(text).toContain("Boka");
  });

  it("answers a Japanese request without a command word with a Japanese draft card", async () => {
    const { card } = await draftFor("明日15時から30分、定例会議を予約して", { locale: "ja-JP", from: "aiko.tanaka" });
    const text = cardText(card);
    expect(text).toContain("新しい Webex 会議");
    expect(input(card, "title")?.value).toBe("定例会議");
    expect(text).toContain("15:00–15:30");
    expect(text).toContain("Asia/Tokyo");
  });

  it("asks which Anna is meant and refuses to schedule until one is chosen", async () => {
    const { card, draftId } = await draftFor("schedule sync with Anna tomorrow 10am for 30 min");
    const pick = findAll(card, (o) => o.type === "Input.ChoiceSet" && o.isRequired === true)[0];
    expect(pick).toBeDefined();
    const text = cardText(card);
    expect(text).toContain("Anna Berg");
    expect(text).toContain("Anna Lind");

    const refused = await h.invoke("draft.schedule", { draftId });
    expect(cardText(refused.body.value)).toContain("Choose who you mean first.");
    expect(h.sandbox.webex.meetings.list().filter((m) => m.title === "sync")).toHaveLength(0);

    const done = await h.invoke("draft.schedule", { draftId, [String(pick!.id)]: "anna.lind@contoso.se" });
    expect(cardText(done.body.value)).toContain("Scheduled.");
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "sync");
    expect(meeting?.invitees.map((i) => i.email)).toEqual(["anna.lind@contoso.se"]);
  });

  it("keeps an external address and marks it as a guest", async () => {
    const { card } = await draftFor("schedule Vendor call with jun.park@fabrikam.com tomorrow 2pm for 30 min");
    expect(cardText(card)).toContain("jun.park@fabrikam.com, guest");
  });

  it("invites the channel's members when a channel request says so, and announces the meeting there", async () => {
    const conversationId = "19:general-product-launch@thread.tacv2";
    const { card, draftId } = await draftFor("schedule Launch sync with the channel tomorrow 1pm for 30 min", { conversationType: "channel", conversationId });
    const text = cardText(card);
    expect(text).toContain("Aiko Tanaka");
    expect(text).toContain("Mia Holm");
    const before = h.sandbox.connector.activities.length;
    const res = await h.invoke("draft.schedule", { draftId }, { conversationType: "channel", conversationId });
    expect(cardText(res.body.value)).toContain("Scheduled.");
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Launch sync");
    expect(meeting?.invitees.map((i) => i.email)).toEqual(expect.arrayContaining(["aiko.tanaka@contoso.com", "mia.holm@contoso.se", "omar.haddad@contoso.com"]));
    const announced = h.sandbox.connector.activities.slice(before).filter((a) => a.conversationId.startsWith(conversationId));
    expect(announced).toHaveLength(1);
    expect(cardText(announced[0]!)).toContain("Launch sync");
  });

  it("suggests channel members in a channel even when nobody asked for them", async () => {
    const { card } = await draftFor("schedule Pairing with Aiko tomorrow 4pm for 30 min", { conversationType: "channel", conversationId: "19:design-review@thread.tacv2" });
    const suggested = input(card, "suggested");
    expect(suggested?.label).toBe("Suggested from this channel");
    expect(cardText(suggested!)).toContain("Mia Holm");
  });

  it("expands a contact folder of the organizer (Partners) into its contacts", async () => {
    const { card } = await draftFor("schedule Partner sync with Partners tomorrow 10am for 30 min", { from: "aiko.tanaka" });
    const text = cardText(card);
    expect(text).toContain("Jun Park");
    expect(text).toContain("Marta Nowak");
  });

  it("expands a group with a nested group (Leadership includes Engineering)", async () => {
    const { card } = await draftFor("schedule Leadership offsite with Leadership tomorrow 9am for 60 min", { from: "aiko.tanaka" });
    const text = cardText(card);
    expect(text).toContain("Sven Karlsson");
    expect(text).toContain("Anna Lind");
  });

  it("schedules a weekly series: a series master in Outlook and an RRULE in Webex", async () => {
    const lars = userByLocal(h.sandbox.tenant, "lars.berg");
    const { card, draftId } = await draftFor("schedule Team sync with Aiko every monday 9am for 30 min");
    expect(input(card, "recurrence")?.value).toBe("weekly");
    const res = await h.invoke("draft.schedule", { draftId });
    expect(links(res.body.value)["Join"]).toBeDefined();
    const meeting = h.sandbox.webex.meetings.list().find((m) => m.title === "Team sync");
    expect(meeting?.recurrence).toMatch(/FREQ=WEEKLY/);
    const event = h.sandbox.graph.state.events(lars.id).find((e) => e.subject === "Team sync");
    expect(event?.type).toBe("seriesMaster");
  });
});
