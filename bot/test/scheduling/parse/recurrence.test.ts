import type { Recurrence } from "../../../src/scheduling/types";
import { parser, ZONES } from "./helpers";

const en = parser("en-US", ZONES.en);
const sv = parser("sv-SE", ZONES.sv);
const ja = parser("ja-JP", ZONES.ja);
const tr = parser("tr-TR", ZONES.tr);

const weekly = (days: Recurrence["daysOfWeek"], extra: Partial<Recurrence> = {}): Recurrence => ({ frequency: "weekly", interval: 1, daysOfWeek: days, ...extra });

describe("recurring meetings in four languages (now: Monday 23 Nov 2026)", () => {
  it.each<[string, (t: string) => ReturnType<typeof en>, string, Recurrence]>([
    ["every Monday", en, "schedule standup every Monday 10:00", weekly(["monday"])],
    ["weekly", en, "schedule standup weekly on Thursday 10:00", weekly(["thursday"])],
    ["every day", en, "schedule standup every day 10:00", { frequency: "daily", interval: 1 }],
    ["daily", en, "schedule daily standup 10:00", { frequency: "daily", interval: 1 }],
    ["every 2 weeks", en, "schedule retro every 2 weeks on Friday 14:00", weekly(["friday"], { interval: 2 })],
    ["every other Monday", en, "schedule 1:1 every other Monday 10:00", weekly(["monday"], { interval: 2 })],
    ["every weekday", en, "schedule standup every weekday 9:15", weekly(["monday", "tuesday", "wednesday", "thursday", "friday"])],
    ["on Mondays and Wednesdays", en, "schedule sync on Mondays and Wednesdays 10:00", weekly(["monday", "wednesday"])],
    ["monthly on the 5th", en, "schedule report monthly on the 5th 10:00", { frequency: "monthly", interval: 1, dayOfMonth: 5 }],
    ["varje måndag", sv, "boka möte varje måndag kl 10", weekly(["monday"])],
    ["varje dag", sv, "boka möte varje dag kl 10", { frequency: "daily", interval: 1 }],
    ["varannan torsdag", sv, "boka retro varannan torsdag kl 14", weekly(["thursday"], { interval: 2 })],
    ["varje månad den 5:e", sv, "boka rapport varje månad den 5:e kl 10", { frequency: "monthly", interval: 1, dayOfMonth: 5 }],
    ["毎週月曜", ja, "毎週月曜10時に定例を予約して", weekly(["monday"])],
    ["毎日", ja, "毎日10時に朝会を予約して", { frequency: "daily", interval: 1 }],
    ["隔週金曜", ja, "隔週金曜14時に振り返りを予約して", weekly(["friday"], { interval: 2 })],
    ["毎月5日", ja, "毎月5日10時に月次報告を予約して", { frequency: "monthly", interval: 1, dayOfMonth: 5 }],
    ["her pazartesi", tr, "her pazartesi saat 10'da toplantı planla", weekly(["monday"])],
    ["her gün", tr, "her gün saat 10'da toplantı planla", { frequency: "daily", interval: 1 }],
    ["iki haftada bir cuma", tr, "iki haftada bir cuma saat 14'te retro planla", weekly(["friday"], { interval: 2 })],
    ["her ayın 5'i", tr, "her ayın 5'i saat 10'da rapor planla", { frequency: "monthly", interval: 1, dayOfMonth: 5 }],
  ])("reads %s", (_name, parse, text, recurrence) => {
    const r = parse(text);
    expect(r.recurrence).toEqual(recurrence);
    expect(r.problems).toEqual([]);
  });

  it("starts a weekly series on the next matching day whose time is still ahead", () => {
    // 09:00 in Stockholm right now: this Monday 09:00 has begun, so the first one is next Monday.
    expect(en("schedule standup every Monday 09:00").date).toBe("2026-11-30");
    expect(en("schedule standup every Monday 10:00").date).toBe("2026-11-23");
    expect(en("schedule report monthly on the 5th 10:00").date).toBe("2026-12-05");
  });

  it("anchors 'weekly' to the weekday of the date written", () => {
    expect(en("schedule sync weekly starting friday 10:00").recurrence).toEqual(weekly(["friday"]));
  });

  it("turns 'for 10 weeks' and '10 times' into an occurrence count", () => {
    expect(en("schedule standup every Monday 10:00 for 10 weeks").recurrence).toEqual(weekly(["monday"], { count: 10 }));
    expect(en("schedule retro every 2 weeks on Friday 14:00 for 10 weeks").recurrence).toEqual(weekly(["friday"], { interval: 2, count: 5 }));
    expect(en("schedule standup every day 10:00, 10 times").recurrence).toEqual({ frequency: "daily", interval: 1, count: 10 });
    expect(sv("boka möte varje måndag kl 10 i 6 veckor").recurrence).toEqual(weekly(["monday"], { count: 6 }));
    expect(ja("毎週月曜10時に定例を10回予約して").recurrence).toEqual(weekly(["monday"], { count: 10 }));
    expect(tr("her pazartesi saat 10'da 8 kez toplantı planla").recurrence).toEqual(weekly(["monday"], { count: 8 }));
  });

  it("reports a count without a series, and a series word it cannot read, as recurrence problems", () => {
    expect(en("schedule sync tomorrow 10:00 for 10 weeks")).toMatchObject({ recurrence: null, problems: [{ field: "recurrence", text: "for 10 weeks" }] });
    expect(en("schedule planning every blursday")).toMatchObject({ title: "planning", recurrence: null, problems: [{ field: "recurrence", text: "every blursday" }] });
    expect(en("schedule report monthly on the 45th")).toMatchObject({ recurrence: null, problems: [{ field: "recurrence", text: "monthly on the 45th" }] });
  });

  it("accepts two phrases that say the same series ('weekly … every Monday')", () => {
    expect(en("schedule weekly standup every Monday 10:00")).toMatchObject({ recurrence: weekly(["monday"]), problems: [] });
  });
});
