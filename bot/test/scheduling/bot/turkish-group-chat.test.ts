/**
 * Two drafts the earlier suites left out: a Turkish request, and a request in a group chat (whose
 * members the connector's roster lists) — through the real bot over HTTP against the sandbox.
 */
import { DEMO_GROUP_CHAT_ID } from "../../../../sandbox";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { actionData, cardOf, input } from "./cards";

describe("a Turkish request and a group chat", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h?.close());

  it("answers a Turkish request with a Turkish draft card and the parsed title and time", async () => {
    const card = cardOf((await h.say("yarın saat 15:00'te 30 dakika Aiko ve Lars ile Tasarım incelemesi planla", { locale: "tr-TR", from: "lars.berg" }))[0]);
    const text = cardText(card);
    expect(text).toContain("Yeni Webex toplantısı");
    expect(input(card, "title")?.value).toBe("Tasarım incelemesi");
    expect(input(card, "startTime")?.value).toBe("15:00");
    expect(input(card, "durationMinutes")?.value).toBe(30);
    expect(text).toContain("15:00–15:30");
    expect(text).toContain("Aiko Tanaka");
    expect(actionData(card, "draft.schedule").draftId).toEqual(expect.any(String));
  });

  it("suggests the group chat's members on a draft made in that chat", async () => {
    const card = cardOf((await h.say("schedule Contract review with Aiko tomorrow 11am for 30 min", { conversationType: "groupChat", conversationId: DEMO_GROUP_CHAT_ID }))[0]);
    const suggested = input(card, "suggested");
    expect(suggested).toBeDefined();
    const text = cardText(suggested!);
    expect(text).toContain("Mehmet Yılmaz");
    expect(text).toContain("Zeynep Kaya");
    expect(text).toContain("Sara Ek");
    // The organizer is not suggested to himself.
    expect(text).not.toContain("Lars Berg");
  });
});
