import { parser, ZONES } from "./helpers";

const parse = parser("en-US", ZONES.en);

describe("reading an English request (Europe/Stockholm, Monday 23 Nov 2026 09:00)", () => {
  it("reads the example from the conversation guide: title, invitees, tomorrow 15:00 for 45 minutes", () => {
    expect(parse("schedule Design review with Aiko and Lars tomorrow 3pm for 45 min")).toEqual({
      title: "Design review",
      date: "2026-11-24",
      startTime: "15:00",
      durationMinutes: 45,
      recurrence: null,
      inviteeTexts: ["Aiko", "Lars"],
      problems: [],
    });
  });

  it("reads 'friday 10' as this coming Friday at 10:00 and leaves the duration to the card", () => {
    const r = parse("schedule sync with Anna friday 10");
    expect(r).toMatchObject({ title: "sync", date: "2026-11-27", startTime: "10:00", durationMinutes: null, inviteeTexts: ["Anna"] });
    expect(r.problems).toEqual([]);
  });

  it("does not guess a date it cannot read: 'on the 45th' is a date problem, the title is kept", () => {
    expect(parse("schedule planning on the 45th")).toEqual({
      title: "planning",
      date: null,
      startTime: null,
      durationMinutes: null,
      recurrence: null,
      inviteeTexts: [],
      problems: [{ field: "date", text: "on the 45th" }],
    });
  });

  it("reads 'on the 5th' as the next 5th of a month", () => {
    expect(parse("schedule review on the 5th").date).toBe("2026-12-05");
  });

  it("asks instead of guessing morning or afternoon for a bare 'at 3'", () => {
    const r = parse("schedule a Webex meeting with everyone here at 3");
    expect(r).toMatchObject({ title: null, startTime: null, inviteeTexts: ["@channel"] });
    expect(r.problems).toEqual([{ field: "time", text: "at 3" }]);
  });

  it("reports a time that does not exist and keeps the date", () => {
    const r = parse("schedule sync tomorrow at 25:00");
    expect(r).toMatchObject({ date: "2026-11-24", startTime: null });
    expect(r.problems).toEqual([{ field: "time", text: "at 25:00" }]);
  });

  it("reports a calendar date that does not exist (Feb 30)", () => {
    expect(parse("schedule sync Feb 30")).toMatchObject({ date: null, problems: [{ field: "date", text: "Feb 30" }] });
  });

  it("reports two different dates instead of picking one", () => {
    expect(parse("schedule sync tomorrow or friday")).toMatchObject({ title: "sync", date: null, problems: [{ field: "date", text: "tomorrow / friday" }] });
  });

  it("reads day/month for en-GB and month/day for en-US", () => {
    expect(parser("en-GB", ZONES.en)("schedule sync 3/12 at 10").date).toBe("2026-12-03");
    expect(parse("schedule sync 3/12 at 10").date).toBe("2027-03-12");
  });

  it("reads a relative start ('in 2 hours') as a start time, not a duration", () => {
    expect(parse("schedule sync in 2 hours")).toMatchObject({ date: "2026-11-23", startTime: "11:00", durationMinutes: null });
  });
});

describe("a time without a date (English)", () => {
  it("is today while the time is still ahead in the user's zone", () => {
    expect(parse("schedule sync at 5pm")).toMatchObject({ date: "2026-11-23", startTime: "17:00", problems: [] });
  });

  it("is a date problem once the time has passed today — the card asks for the day", () => {
    expect(parse("schedule sync at 7am")).toMatchObject({ date: null, startTime: "07:00", problems: [{ field: "date", text: "at 7am" }] });
  });
});

describe("durations and time ranges (English)", () => {
  it.each([
    ["schedule sync tomorrow 10:00 for 30 min", 30],
    ["schedule sync tomorrow 10:00 45 minutes", 45],
    ["schedule sync tomorrow 10:00 for 1h", 60],
    ["schedule sync tomorrow 10:00 for an hour", 60],
    ["schedule sync tomorrow 10:00 for 1.5 hours", 90],
    ["schedule sync tomorrow 10:00 for an hour and a half", 90],
    ["schedule sync tomorrow 10:00 for 1h30", 90],
    ["schedule sync tomorrow 10:00 for half an hour", 30],
  ])("%s → %i minutes", (text, minutes) => {
    expect(parse(text)).toMatchObject({ title: "sync", date: "2026-11-24", startTime: "10:00", durationMinutes: minutes, problems: [] });
  });

  it.each([
    ["schedule sync tomorrow 15-16", "15:00", 60],
    ["schedule sync tomorrow 15–16:30", "15:00", 90],
    ["schedule sync from 15 to 16 tomorrow", "15:00", 60],
    ["schedule sync tomorrow 3-4pm", "15:00", 60],
    ["schedule sync 11am-1pm tomorrow", "11:00", 120],
    ["schedule sync tomorrow between 9:30 and 10:15", "09:30", 45],
  ])("%s → starts %s and lasts %i minutes (from the end time)", (text, start, minutes) => {
    expect(parse(text)).toMatchObject({ date: "2026-11-24", startTime: start, durationMinutes: minutes, problems: [] });
  });

  it("reports '3-4' without am/pm as a time problem", () => {
    expect(parse("schedule sync tomorrow 3-4")).toMatchObject({ startTime: null, durationMinutes: null, problems: [{ field: "time", text: "3-4" }] });
  });

  it("reports a zero-length meeting as a duration problem", () => {
    expect(parse("schedule sync tomorrow 10:00 for 0 minutes").problems).toEqual([{ field: "duration", text: "for 0 minutes" }]);
  });

  it("leaves the duration null when none is written (the card picks the default)", () => {
    expect(parse("schedule sync tomorrow 10:00").durationMinutes).toBeNull();
  });
});

describe("invitees, title and agenda (English)", () => {
  it("keeps e-mail addresses and names in the order typed", () => {
    expect(parse("schedule sync with aiko@contoso.com, Lars tomorrow 15-16").inviteeTexts).toEqual(["aiko@contoso.com", "Lars"]);
  });

  it("does not keep the date's preposition with the last name ('with Aiko on Dec 3' is Aiko)", () => {
    expect(parse("schedule 1:1 with Aiko on Dec 3 at 14:00")).toMatchObject({ inviteeTexts: ["Aiko"], date: "2026-12-03", startTime: "14:00" });
    expect(parse("schedule sync with Aiko and Lars by Friday 10:00").inviteeTexts).toEqual(["Aiko", "Lars"]);
  });

  it("keeps a name typed with its address together ('Anna <anna.k@fabrikam.com>')", () => {
    expect(parse("schedule sync tomorrow at 15:00 with Anna <anna.k@fabrikam.com>").inviteeTexts).toEqual(["Anna <anna.k@fabrikam.com>"]);
  });

  it("takes an e-mail address anywhere in the text as an invitee", () => {
    expect(parse("schedule 1:1 tomorrow 10:00 bob@fabrikam.com")).toMatchObject({ title: "1:1", inviteeTexts: ["bob@fabrikam.com"] });
  });

  it("turns 'invite the channel' and 'everyone here' into the channel token", () => {
    expect(parse("schedule standup tomorrow 9am and invite the channel")).toMatchObject({ title: "standup", inviteeTexts: ["@channel"] });
    expect(parse("schedule retro with everyone here friday 14:00").inviteeTexts).toEqual(["@channel"]);
  });

  it("keeps a group name as typed, without its article", () => {
    expect(parse("schedule sync with the design team tomorrow 11:00").inviteeTexts).toEqual(["design team"]);
  });

  it("drops filler ('a Webex meeting') and leaves no title when nothing meaningful remains", () => {
    expect(parse("please schedule a meeting tomorrow at noon")).toMatchObject({ title: null, date: "2026-11-24", startTime: "12:00" });
    expect(parse("schedule a Webex meeting about nothing tomorrow 10:00").title).toBe("about nothing");
  });

  it("reads the lines after the first, or what follows 'agenda:', as the agenda", () => {
    expect(parse("schedule budget call next friday 15:00 with Mia\nnumbers\nQ4 plan")).toMatchObject({
      title: "budget call",
      date: "2026-12-04",
      agenda: "numbers\nQ4 plan",
      inviteeTexts: ["Mia"],
    });
    expect(parse("schedule review tomorrow 10:00 agenda: plan for friday")).toMatchObject({ title: "review", date: "2026-11-24", agenda: "plan for friday" });
  });
});
