// Times people say rather than type, times in another zone, and weeks without a day. Each of
// these was read wrongly or not at all before: "quarter to 3pm" became 15:00 (and "quarter" the
// title), "12:30-1:30" lasted 13 hours, "3pm EST" became 3pm in Stockholm, "next week" became a
// week from today, "3時半" half past three at night.
import { parser, ZONES } from "./helpers";

const en = parser("en-US", ZONES.en);
const sv = parser("sv-SE", ZONES.sv);
const ja = parser("ja-JP", ZONES.ja);
const tr = parser("tr-TR", ZONES.tr);

describe("spoken clock times (now: Monday 23 Nov 2026, 09:00 in Stockholm)", () => {
  it("reads 'quarter to', 'quarter past' and 'half past' in English", () => {
    expect(en("schedule sync tomorrow at quarter to 3pm")).toMatchObject({ title: "sync", startTime: "14:45", problems: [] });
    expect(en("schedule sync tomorrow at a quarter past ten")).toMatchObject({ title: "sync", startTime: "10:15", problems: [] });
    expect(en("schedule sync tomorrow at half past 9am")).toMatchObject({ title: "sync", startTime: "09:30", problems: [] });
  });

  it("reads 'kvart i', 'kvart över' and 'halv' in Swedish ('halv tio' is 9.30, 'halv ett' 12.30)", () => {
    expect(sv("boka Avstämning kvart i tio i morgon")).toMatchObject({ title: "Avstämning", startTime: "09:45", problems: [] });
    expect(sv("boka Avstämning kvart över nio i morgon").startTime).toBe("09:15");
    expect(sv("boka Avstämning kl halv 10 i morgon").startTime).toBe("09:30");
    expect(sv("boka Lunch halv ett i morgon").startTime).toBe("12:30");
    expect(sv("boka Avstämning kvart  i 9 i morgon").startTime).toBe("08:45");
  });

  it("asks morning or afternoon for 1–6 o'clock without am/pm, and keeps the words out of the title", () => {
    expect(en("schedule Q1 planning tomorrow at half past two")).toMatchObject({ title: "Q1 planning", startTime: null, problems: [{ field: "time", text: "at half past two" }] });
    expect(sv("boka Planering halv tre i morgon")).toMatchObject({ title: "Planering", startTime: null, problems: [{ field: "time", text: "halv tre" }] });
    expect(ja("明日3時半 打ち合わせ")).toMatchObject({ date: "2026-11-24", startTime: null, problems: [{ field: "time", text: "3時半" }] });
    expect(ja("明日3時から4時 打ち合わせ")).toMatchObject({ startTime: null, problems: [{ field: "time", text: "3時から4時" }] });
    expect(ja("明日15時 打ち合わせ")).toMatchObject({ startTime: "15:00", problems: [] });
    expect(ja("明日午後3時 打ち合わせ")).toMatchObject({ startTime: "15:00", problems: [] });
    // chrono read "9時 1on1" as 9:01 and left "on1" as the title.
    expect(ja("明後日9時 1on1")).toMatchObject({ title: "1on1", startTime: "09:00", problems: [] });
  });

  it("reads a 12 h range that crosses noon as a short meeting", () => {
    expect(en("schedule lunch tomorrow 12:30-1:30")).toMatchObject({ startTime: "12:30", durationMinutes: 60, problems: [] });
    expect(en("schedule workshop tomorrow 11-1")).toMatchObject({ startTime: "11:00", durationMinutes: 120, problems: [] });
  });
});

describe("a time written in another zone", () => {
  it("moves to the user's own zone, with the day when it changes", () => {
    expect(en("schedule sync tomorrow 3pm EST")).toMatchObject({ date: "2026-11-24", startTime: "21:00", problems: [] });
    expect(en("schedule sync tomorrow 15:00 UTC")).toMatchObject({ date: "2026-11-24", startTime: "16:00", problems: [] });
    expect(en("schedule sync tomorrow 11pm EST")).toMatchObject({ date: "2026-11-25", startTime: "05:00", problems: [] });
  });

  it("reads a month and day in another zone too", () => {
    expect(en("schedule sync Dec 3 3pm EST")).toMatchObject({ date: "2026-12-03", startTime: "21:00", problems: [] });
  });

  it("never takes a lower-case word for a zone ('art' is also Argentina's abbreviation)", () => {
    expect(en("schedule tomorrow at 3pm art review")).toMatchObject({ title: "art review", startTime: "15:00", problems: [] });
    expect(en("schedule 10am east wing tour tomorrow")).toMatchObject({ title: "east wing tour", startTime: "10:00", problems: [] });
    // Nor a word in capitals that only chrono's long list knows as a zone.
    expect(en("schedule Dec 3 3pm CAT review")).toMatchObject({ title: "CAT review", startTime: "15:00", problems: [] });
  });

  it("asks when a range carries a zone it was not read in", () => {
    expect(en("schedule sync tomorrow 3-4pm EST").problems).toContainEqual({ field: "time", text: "tomorrow EST" });
  });

  it("asks when the day is not fixed, so the user's offset that day is unknown", () => {
    expect(en("schedule sync Friday 3pm PST")).toMatchObject({ startTime: null, problems: [{ field: "time", text: "Friday 3pm PST" }] });
  });
});

describe("weeks without a day", () => {
  it("reads the day of next week when one is named", () => {
    expect(en("schedule sync next week Tuesday at 10:00")).toMatchObject({ date: "2026-12-01", problems: [] });
    expect(en("schedule sync Tuesday of next week at 10:00")).toMatchObject({ date: "2026-12-01", problems: [] });
    expect(tr("gelecek hafta salı saat 10'da retro planla")).toMatchObject({ title: "retro", date: "2026-12-01", problems: [] });
  });

  it("asks which day for 'next week' alone, in every language", () => {
    expect(en("schedule sync next week")).toMatchObject({ date: null, problems: [{ field: "date", text: "next week" }] });
    // …but "this week's" and "今月の" belong to the title.
    expect(en("schedule this week's retro tomorrow 3pm")).toMatchObject({ title: "this week's retro", problems: [] });
    expect(ja("今月の売上レビューを明日10時に予約して")).toMatchObject({ title: "今月の売上レビュー", problems: [] });
    expect(sv("boka Avstämning nästa vecka")).toMatchObject({ title: "Avstämning", date: null, problems: [{ field: "date", text: "nästa vecka" }] });
    expect(ja("来週 定例")).toMatchObject({ title: "定例", date: null, problems: [{ field: "date", text: "来週" }] });
    expect(tr("gelecek hafta retro planla")).toMatchObject({ title: "retro", date: null, problems: [{ field: "date", text: "gelecek hafta" }] });
  });
});
