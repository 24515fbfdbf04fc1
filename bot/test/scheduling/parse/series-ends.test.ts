// The end of a series and monthly series on the nth weekday, in four languages. Before these
// were read, "until March 31" vanished (an endless series), "t.o.m. 31 mars" became the start
// date, "3月31日まで" became 11:03, and "the last Friday" a monthly series on the 27th.
import type { Recurrence } from "../../../src/scheduling/types";
import { parser, ZONES } from "./helpers";

const en = parser("en-US", ZONES.en);
const gb = parser("en-GB", ZONES.en);
const sv = parser("sv-SE", ZONES.sv);
const ja = parser("ja-JP", ZONES.ja);
const tr = parser("tr-TR", ZONES.tr);

const weekly = (days: Recurrence["daysOfWeek"], extra: Partial<Recurrence> = {}): Recurrence => ({ frequency: "weekly", interval: 1, daysOfWeek: days, ...extra });
const nth = (day: NonNullable<Recurrence["daysOfWeek"]>[number], weekOfMonth: Recurrence["weekOfMonth"]): Recurrence => ({
  frequency: "monthly",
  interval: 1,
  daysOfWeek: [day],
  weekOfMonth,
});

describe("the last date of a series (now: Monday 23 Nov 2026)", () => {
  it.each<[string, (t: string) => ReturnType<typeof en>, string, Recurrence, string]>([
    ["until March 31", en, "schedule review every Tuesday at 11 until March 31", weekly(["tuesday"], { until: "2027-03-31" }), "review"],
    ["through Dec 18", en, "schedule standup daily at 9:15 through Dec 18", { frequency: "daily", interval: 1, until: "2026-12-18" }, "standup"],
    ["until an ISO date", en, "schedule review every Tuesday at 11 until 2027-01-31", weekly(["tuesday"], { until: "2027-01-31" }), "review"],
    ["until 1/15 (US)", en, "schedule sync every Monday 10:00 until 1/15", weekly(["monday"], { until: "2027-01-15" }), "sync"],
    ["until 15/1 (GB)", gb, "schedule sync every Monday 10:00 until 15/1", weekly(["monday"], { until: "2027-01-15" }), "sync"],
    ["until the end of January", en, "schedule sync every Monday 10:00 until the end of January", weekly(["monday"], { until: "2027-01-31" }), "sync"],
    ["till och med 31 mars", sv, "boka veckomöte varje tisdag kl 11 till och med 31 mars", weekly(["tuesday"], { until: "2027-03-31" }), "veckomöte"],
    ["t.o.m. 18/12", sv, "boka avstämning varje tisdag kl 10 till 11 t.o.m. 18/12", weekly(["tuesday"], { until: "2026-12-18" }), "avstämning"],
    ["fram till slutet av februari", sv, "boka avstämning varje dag kl 9 fram till slutet av februari", { frequency: "daily", interval: 1, until: "2027-02-28" }, "avstämning"],
    ["3月31日まで", ja, "毎週火曜日11時 3月31日まで 定例", weekly(["tuesday"], { until: "2027-03-31" }), "定例"],
    ["2027年1月末まで", ja, "毎週月曜10時 2027年1月末まで 定例", weekly(["monday"], { until: "2027-01-31" }), "定例"],
    ["31 Mart'a kadar", tr, "her salı 11'de 31 Mart'a kadar retro planla", weekly(["tuesday"], { until: "2027-03-31" }), "retro"],
    ["Ocak sonuna kadar", tr, "her pazartesi 09:30'da Ocak sonuna kadar retro planla", weekly(["monday"], { until: "2027-01-31" }), "retro"],
  ])("reads %s as the series' last date, not as its start", (_name, parse, text, recurrence, title) => {
    const r = parse(text);
    expect(r.recurrence).toEqual(recurrence);
    expect(r.title).toBe(title);
    expect(r.durationMinutes === null || r.durationMinutes === 60).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it("still starts the series on its first day, and keeps times ending with 'until'/'till'/'まで' as ranges", () => {
    expect(en("schedule review every Tuesday at 11 until March 31")).toMatchObject({ date: "2026-11-24", startTime: "11:00" });
    expect(sv("boka veckomöte varje tisdag kl 11 till och med 31 mars")).toMatchObject({ date: "2026-11-24", startTime: "11:00" });
    expect(en("schedule review from 3 until 4pm tomorrow")).toMatchObject({ startTime: "15:00", durationMinutes: 60, recurrence: null, problems: [] });
    expect(sv("boka möte i morgon kl 10 till 11")).toMatchObject({ startTime: "10:00", durationMinutes: 60, problems: [] });
    expect(ja("明日15時から16時まで 会議")).toMatchObject({ startTime: "15:00", durationMinutes: 60, problems: [] });
  });

  it("asks instead of guessing: a month alone, an end without a series, an end and a count, an end before the start", () => {
    expect(en("schedule review every Tuesday at 11 until March")).toMatchObject({ recurrence: weekly(["tuesday"]), problems: [{ field: "recurrence", text: "until March" }] });
    expect(sv("boka möte varje måndag kl 9 till mars").problems).toEqual([{ field: "recurrence", text: "till mars" }]);
    expect(ja("毎週月曜10時 3月まで 定例").problems).toEqual([{ field: "recurrence", text: "3月まで" }]);
    expect(tr("her gün saat 9'da Mart'a kadar toplantı planla").problems).toEqual([{ field: "recurrence", text: "Mart'a kadar" }]);
    expect(en("schedule demo tomorrow 3pm until March 31")).toMatchObject({ recurrence: null, problems: [{ field: "recurrence", text: "until March 31" }] });
    expect(en("schedule sync every Monday at 10 4 times until March 1")).toMatchObject({
      recurrence: weekly(["monday"], { count: 4 }),
      problems: [{ field: "recurrence", text: "until March 1" }],
    });
    expect(en("schedule sync every Monday at 10 until 2026-11-01").problems).toEqual([{ field: "recurrence", text: "until 2026-11-01" }]);
    expect(en("schedule sync every Monday at 10 until February 30").problems).toEqual([{ field: "recurrence", text: "until February 30" }]);
    // Which Friday, which 18th? Before, these were dropped and the series had no end.
    expect(en("schedule standup every day at 9am until Friday").problems).toEqual([{ field: "recurrence", text: "until Friday" }]);
    expect(en("schedule standup every day at 9am until the 18th").problems).toEqual([{ field: "recurrence", text: "until the 18th" }]);
    expect(sv("boka avstämning varje dag kl 9 fram till fredag").problems).toEqual([{ field: "recurrence", text: "fram till fredag" }]);
    expect(ja("毎日9時 金曜まで 朝会").problems).toEqual([{ field: "recurrence", text: "金曜まで" }]);
    expect(tr("her gün saat 9'da cumaya kadar toplantı planla").problems).toEqual([{ field: "recurrence", text: "cumaya kadar" }]);
  });
});

describe("monthly on the nth weekday", () => {
  it.each<[string, (t: string) => ReturnType<typeof en>, string, Recurrence, string]>([
    ["monthly on the first Tuesday", en, "schedule planning monthly on the first Tuesday at 10am", nth("tuesday", 1), "2026-12-01"],
    ["the last Friday of every month", en, "schedule review the last Friday of every month at 3pm", nth("friday", -1), "2026-11-27"],
    ["on the second Monday of each month", en, "schedule review on the second Monday of each month at 10:00", nth("monday", 2), "2026-12-14"],
    ["every first Monday", en, "schedule sync every first Monday at 9:30", nth("monday", 1), "2026-12-07"],
    ["sista fredagen i varje månad", sv, "boka retro sista fredagen i varje månad kl 15", nth("friday", -1), "2026-11-27"],
    ["varje månad den första tisdagen", sv, "boka planering varje månad den första tisdagen kl 10", nth("tuesday", 1), "2026-12-01"],
    ["毎月第1火曜日", ja, "毎月第1火曜日10時から1時間 定例", nth("tuesday", 1), "2026-12-01"],
    ["毎月最終金曜日", ja, "毎月最終金曜日15時 振り返り", nth("friday", -1), "2026-11-27"],
    ["her ayın ilk salısı", tr, "her ayın ilk salısı saat 10'da planlama planla", nth("tuesday", 1), "2026-12-01"],
    ["her ayın son cuması", tr, "her ayın son cuması saat 15'te retro planla", nth("friday", -1), "2026-11-27"],
  ])("reads %s and starts on the next such day", (_name, parse, text, recurrence, date) => {
    const r = parse(text);
    expect(r.recurrence).toEqual(recurrence);
    expect(r.date).toBe(date);
    expect(r.problems).toEqual([]);
  });

  it("keeps the words out of the title", () => {
    expect(en("schedule planning monthly on the first Tuesday at 10am").title).toBe("planning");
    expect(en("schedule review on the second Monday of each month at 10:00").title).toBe("review");
  });

  it("combines with a last date", () => {
    expect(en("schedule planning monthly on the first Tuesday at 10am until June 30").recurrence).toEqual({ ...nth("tuesday", 1), until: "2027-06-30" });
  });

  it("asks about a fifth weekday, which not every month has", () => {
    expect(en("schedule review on the fifth Monday of every month at 10:00")).toMatchObject({ recurrence: null, problems: expect.arrayContaining([{ field: "recurrence", text: "on the fifth Monday of every month" }]) });
  });

  it("keeps a Turkish time range written with dots a time range, not a last date ('11.00'den 12.05'e kadar')", () => {
    expect(tr("her pazartesi 11.00'den 12.05'e kadar retro planla")).toMatchObject({
      startTime: "11:00",
      durationMinutes: 65,
      recurrence: weekly(["monday"]),
      problems: [],
    });
    expect(tr("her salı 11'de 31.03.2027'ye kadar retro planla").recurrence).toEqual(weekly(["tuesday"], { until: "2027-03-31" }));
    // After a series with no start time before it, "12.05'e kadar" is the last date.
    expect(tr("her gün saat 9'da 12.05'e kadar retro planla").recurrence).toEqual({ frequency: "daily", interval: 1, until: "2027-05-12" });
  });

  it("asks which month when a single 'first Tuesday' has none", () => {
    const r = en("schedule 1:1 on the first Tuesday at 10:00");
    expect(r.recurrence).toBeNull();
    expect(r.problems).toContainEqual({ field: "recurrence", text: "on the first Tuesday" });
    expect(ja("第2月曜10時 面談").problems).toContainEqual({ field: "recurrence", text: "第2月曜" });
  });
});

describe("a range of weekdays is a series on each of them", () => {
  const monFri: Recurrence = weekly(["monday", "tuesday", "wednesday", "thursday", "friday"]);
  const monThu: Recurrence = weekly(["monday", "tuesday", "wednesday", "thursday"]);
  it.each<[string, (t: string) => ReturnType<typeof en>, string, Recurrence]>([
    ["Mon-Fri", en, "schedule standup Mon-Fri at 9:15", monFri],
    ["every Monday to Thursday", en, "schedule standup every Monday to Thursday at 9:15", monThu],
    ["weekdays", en, "schedule standup weekdays at 9:15", monFri],
    ["mån-fre", sv, "boka morgonmöte mån-fre kl 9:15", monFri],
    ["varje måndag till torsdag", sv, "boka morgonmöte varje måndag till torsdag kl 9:15", monThu],
    ["月〜金", ja, "月〜金 9時15分 朝会", monFri],
    ["毎週月曜から木曜", ja, "毎週月曜から木曜 9時15分 朝会", monThu],
    ["pazartesi-cuma", tr, "pazartesi-cuma saat 09:15'te toplantı planla", monFri],
    ["her gün pazartesiden perşembeye kadar", tr, "her gün pazartesiden perşembeye kadar saat 09:15'te toplantı planla", monThu],
  ])("reads %s", (_name, parse, text, recurrence) => {
    const r = parse(text);
    expect(r.recurrence).toEqual(recurrence);
    // Monday 09:00 in Stockholm: 09:15 today is still ahead; in Tokyo (17:00) and Istanbul (11:00) it is tomorrow.
    expect(r).toMatchObject({ date: parse === ja || parse === tr ? "2026-11-24" : "2026-11-23", startTime: "09:15", problems: [] });
  });

  it("asks about a range that runs backwards", () => {
    expect(en("schedule offsite Fri-Mon at 9:00").problems).toContainEqual({ field: "recurrence", text: "Fri-Mon" });
  });

  it("reads a Turkish day range with 'her hafta', and asks about one without 'her'", () => {
    expect(tr("her hafta pazartesiden cumaya kadar saat 9'da toplantı planla").recurrence).toEqual(monFri);
    const r = tr("pazartesiden cumaya kadar saat 9'da toplantı planla");
    expect(r.recurrence).toBeNull();
    expect(r.problems).toContainEqual({ field: "recurrence", text: "pazartesiden cumaya kadar" });
  });

  it("reads 'Thursday to Friday' without 'every' as a span of days, which is asked about, not as a weekly series", () => {
    expect(en("schedule handover Thursday to Friday 9am")).toMatchObject({ recurrence: null, date: null, problems: [{ field: "date", text: "Thursday to Friday 9am" }] });
  });
});
