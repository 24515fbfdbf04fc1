import { parser, ZONES } from "./helpers";

const parse = parser("ja-JP", ZONES.ja);

describe("reading a Japanese request (Asia/Tokyo, 2026年11月23日(月) 17:00)", () => {
  it("reads the example from the conversation guide: 定例会議, tomorrow 15:00–15:30", () => {
    expect(parse("明日15時から30分、定例会議を予約して")).toEqual({
      title: "定例会議",
      date: "2026-11-24",
      startTime: "15:00",
      durationMinutes: 30,
      recurrence: null,
      inviteeTexts: [],
      problems: [],
    });
  });

  it.each([
    ["明日10時半にレビューを予約して", "2026-11-24", "10:30"],
    ["明後日午後3時にレビューを予約して", "2026-11-25", "15:00"],
    ["12月3日14時にレビューを予約して", "2026-12-03", "14:00"],
    ["金曜日の10時にレビューを予約して", "2026-11-27", "10:00"],
    ["来週の金曜日14時にレビューを予約して", "2026-12-04", "14:00"],
    ["5日10時にレビューを予約して", "2026-12-05", "10:00"],
    ["18時にレビューを予約して", "2026-11-23", "18:00"],
  ])("%s → %s %s", (text, date, time) => {
    expect(parse(text)).toMatchObject({ title: "レビュー", date, startTime: time, problems: [] });
  });

  it.each([
    ["明日10時から1時間、レビューを予約して", 60],
    ["明日10時から1時間半、レビューを予約して", 90],
    ["明日10時から11時までレビューを予約して", 60],
    ["明日10:00〜10:45にレビューを予約して", 45],
    ["明日１０：００から９０分、レビューを予約して", 90],
  ])("%s → %i minutes", (text, minutes) => {
    expect(parse(text)).toMatchObject({ title: "レビュー", date: "2026-11-24", startTime: "10:00", durationMinutes: minutes, problems: [] });
  });

  it("carries 午後 from the start to the end of a range (午後3時から4時 is 15:00–16:00)", () => {
    expect(parse("明後日午後3時から4時まで田中さんと打ち合わせを予約して")).toMatchObject({
      title: null,
      date: "2026-11-25",
      startTime: "15:00",
      durationMinutes: 60,
      inviteeTexts: ["田中"],
      problems: [],
    });
  });

  it("reads さん-names, the channel's members and e-mail addresses as invitees", () => {
    expect(parse("明日10時にAikoさんとLarsさんと設計レビューを予約して")).toMatchObject({ title: "設計レビュー", inviteeTexts: ["Aiko", "Lars"] });
    expect(parse("毎週月曜10時にチャネルのメンバーと週次定例を予約して")).toMatchObject({ title: "週次定例", inviteeTexts: ["@channel"] });
    expect(parse("明日10時にaiko@contoso.comと定例を予約して")).toMatchObject({ title: "定例", inviteeTexts: ["aiko@contoso.com"] });
  });

  it("does not guess the 45th: a date problem", () => {
    expect(parse("45日に企画会議を予約して")).toMatchObject({ title: "企画会議", date: null, problems: [{ field: "date", text: "45日" }] });
  });

  it("reports 25時 as a time problem", () => {
    expect(parse("明日25時に企画会議を予約して")).toMatchObject({ date: "2026-11-24", startTime: null, problems: [{ field: "time", text: "25時" }] });
  });

  it("leaves the title empty when only 会議 remains", () => {
    expect(parse("明日10時に会議を予約して").title).toBeNull();
  });
});
