import { CHANNEL_TOKEN } from "../../../src/directory/invitees/phrases";
import { CHANNEL_INVITEE, parseRequest, UnknownTimeZoneError } from "../../../src/scheduling/parse";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { NOW, parser } from "./helpers";

const STOCKHOLM = "Europe/Stockholm";
const TOKYO = "Asia/Tokyo";
const LOS_ANGELES = "America/Los_Angeles";

describe("dates are read in the user's time zone", () => {
  it.each([
    // 20:00 UTC: Monday evening in Stockholm and Los Angeles' Monday noon, but already Tuesday in Tokyo.
    ["2026-11-23T20:00:00Z", STOCKHOLM, "2026-11-24"],
    ["2026-11-23T20:00:00Z", TOKYO, "2026-11-25"],
    ["2026-11-23T20:00:00Z", LOS_ANGELES, "2026-11-24"],
    // 23:30 UTC: just past midnight in Stockholm (Tuesday), still Monday afternoon in Los Angeles.
    ["2026-11-23T23:30:00Z", STOCKHOLM, "2026-11-25"],
    ["2026-11-23T23:30:00Z", TOKYO, "2026-11-25"],
    ["2026-11-23T23:30:00Z", LOS_ANGELES, "2026-11-24"],
  ])("at %s, 'tomorrow 3pm' in %s is %s at 15:00", (now, zone, date) => {
    expect(parser("en-US", zone, new Date(now))("schedule sync tomorrow 3pm")).toMatchObject({ date, startTime: "15:00", problems: [] });
  });

  it("reads 'today 23:45' as today where that is still ahead, and as a problem where it has passed", () => {
    const at = new Date("2026-11-23T22:30:00Z");
    expect(parser("en-US", STOCKHOLM, at)("schedule sync today 23:45").date).toBe("2026-11-23");
    expect(parser("en-US", LOS_ANGELES, at)("schedule sync at 23:45")).toMatchObject({ date: "2026-11-23", problems: [] });
    // 07:30 on Tuesday in Tokyo: a bare 06:00 has passed today, so the card asks for the day.
    expect(parser("en-US", TOKYO, at)("schedule sync at 06:00")).toMatchObject({ date: null, startTime: "06:00", problems: [{ field: "date", text: "at 06:00" }] });
  });

  it("counts 'in 2 hours' on the real clock across the user's DST change (Stockholm, 25 Oct 2026)", () => {
    // 00:00 UTC = 02:00 CEST; two hours later the clocks have gone back: 03:00 CET, not 04:00.
    const at = new Date("2026-10-25T00:00:00Z");
    expect(parser("en-GB", STOCKHOLM, at)("schedule sync in 2 hours")).toMatchObject({ date: "2026-10-25", startTime: "03:00" });
    expect(parser("sv-SE", STOCKHOLM, at)("boka sync om 2 timmar")).toMatchObject({ date: "2026-10-25", startTime: "03:00" });
  });

  it("throws a typed error for a zone Intl does not know", () => {
    expect(() => parseRequest("schedule sync", { locale: "en-US", timeZone: "Mars/Olympus_Mons", now: NOW })).toThrow(UnknownTimeZoneError);
  });
});

describe("results do not depend on the machine's time zone", () => {
  const probes = [
    { locale: "en-US", timeZone: STOCKHOLM, now: "2026-11-23T22:30:00Z", text: "schedule Design review with Aiko and Lars tomorrow 3pm for 45 min" },
    { locale: "en-US", timeZone: LOS_ANGELES, now: "2026-11-23T07:30:00Z", text: "schedule sync friday 10:00" },
    { locale: "sv-SE", timeZone: STOCKHOLM, now: "2026-03-29T00:30:00Z", text: "boka Veckomöte med teamet varje måndag 09:00 i 30 minuter" },
    { locale: "ja-JP", timeZone: TOKYO, now: "2026-11-23T14:59:00Z", text: "明日15時から30分、定例会議を予約して" },
    { locale: "tr-TR", timeZone: "Europe/Istanbul", now: "2026-11-23T21:30:00Z", text: "yarın saat 15:00'te 30 dakika Aiko ve Lars ile Tasarım incelemesi planla" },
    { locale: "en-US", timeZone: "Pacific/Auckland", now: "2026-09-26T13:30:00Z", text: "schedule sync tomorrow 9am" },
  ];

  // A jest worker cannot change its own zone, so each machine zone is a real child process.
  function readUnder(machineZone: string): { offsetMinutes: number; results: unknown[] } {
    const out = execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "fixtures", "machine-zone-probe.ts"), JSON.stringify(probes)], {
      env: { ...process.env, TZ: machineZone },
      encoding: "utf8",
    });
    return JSON.parse(out) as { offsetMinutes: number; results: unknown[] };
  }

  // This worker's own zone (TZ=UTC or TZ=Asia/Tokyo in the documented runs) gives the expectation;
  // two more machines far apart, one with DST, must agree with it.
  it("reads the same requests identically on machines in Los Angeles and Kiritimati as on this one", () => {
    const expected = probes.map((p) => parseRequest(p.text, { locale: p.locale, timeZone: p.timeZone, now: new Date(p.now) }));
    expect(expected.every((r) => r.date !== null && r.problems.length === 0)).toBe(true);
    for (const [machine, offset] of [["America/Los_Angeles", -480], ["Pacific/Kiritimati", 840]] as const) {
      const probe = readUnder(machine);
      // Guard: the child really ran in that zone (else this test would prove nothing).
      expect(probe.offsetMinutes).toBe(offset);
      expect(probe.results).toEqual(expected);
    }
  });
});

describe("contracts with the rest of the bot", () => {
  it("uses the channel token the directory resolves", () => {
    expect(CHANNEL_INVITEE).toBe(CHANNEL_TOKEN);
  });

  it("reads requests from other locales with the English grammar", () => {
    expect(parser("de-DE", STOCKHOLM)("schedule sync tomorrow 10:00")).toMatchObject({ title: "sync", date: "2026-11-24", startTime: "10:00" });
  });
});
