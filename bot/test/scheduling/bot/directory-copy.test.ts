/**
 * Invitee look-ahead from the in-memory directory copy, through the bot: the first request of a
 * tenant asks Graph's search (and starts the copy), later ones are answered from the copy without
 * a Graph call — and DIRECTORY_REFRESH_SECONDS=0 keeps every look-up on Graph.
 */
import { requestDelta } from "../../../../sandbox/common/request-counter";
import { TENANT_ID } from "../../../../sandbox/tenant";
import { cardText, startBotHarness, type BotHarness } from "../../support/bot-harness";
import { cardOf } from "./cards";

const REQUEST = "schedule Design review with Aiko and Lasse tomorrow 3pm for 45 min";

/** Graph requests that searched the directory for a name (alone or inside $batch). */
const nameSearches = (delta: Record<string, number>): number => (delta["GET /users"] ?? 0) + (delta["$batch: GET /users"] ?? 0);

async function draftText(h: BotHarness): Promise<string> {
  const replies = await h.say(REQUEST, { from: "lars.berg", locale: "en-GB" });
  return cardText(cardOf(replies[0]));
}

describe("directory look-ahead from the in-memory copy (tenant mode)", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(() => h?.close());

  it("names people on the draft card without asking Graph once the copy is read", async () => {
    const requests = h.sandbox.graph.state.requests;
    const first = requests.snapshot();
    const cold = await draftText(h);
    expect(cold).toContain("Aiko Tanaka");
    expect(cold).toContain("Lasse Nyström");
    await h.service.directory!.settled(TENANT_ID);
    const coldCalls = requestDelta(first, requests.snapshot());
    expect(nameSearches(coldCalls)).toBe(2);
    expect(coldCalls["GET /users/delta"]).toBeGreaterThanOrEqual(1);

    const second = requests.snapshot();
    const warm = await draftText(h);
    expect(warm).toContain("Aiko Tanaka");
    expect(warm).toContain("Lasse Nyström");
    expect(nameSearches(requestDelta(second, requests.snapshot()))).toBe(0);
  });
});

describe("DIRECTORY_REFRESH_SECONDS=0", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({}, { DIRECTORY_REFRESH_SECONDS: "0" });
  });
  afterAll(() => h?.close());

  it("keeps no copy: every request's names are searched in Graph", async () => {
    expect(h.service.directory).toBeUndefined();
    const requests = h.sandbox.graph.state.requests;
    for (let i = 0; i < 2; i++) {
      const before = requests.snapshot();
      expect(await draftText(h)).toContain("Aiko Tanaka");
      const calls = requestDelta(before, requests.snapshot());
      expect(nameSearches(calls)).toBe(2);
      expect(calls["GET /users/delta"]).toBeUndefined();
    }
  });
});
