import { parser, ZONES } from "./helpers";

const parse = parser("tr-TR", ZONES.tr);

describe("reading a Turkish request (Europe/Istanbul, Pazartesi 23 Kasım 2026 11:00)", () => {
  it("reads the example request: Tasarım incelemesi tomorrow 15:00 for 30 minutes with Aiko and Lars", () => {
    expect(parse("yarın saat 15:00'te 30 dakika Aiko ve Lars ile Tasarım incelemesi planla")).toEqual({
      title: "Tasarım incelemesi",
      date: "2026-11-24",
      startTime: "15:00",
      durationMinutes: 30,
      recurrence: null,
      inviteeTexts: ["Aiko", "Lars"],
      problems: [],
    });
  });

  it.each([
    ["bugün saat 17'de retro planla", "2026-11-23", "17:00"],
    ["yarın 15'te retro planla", "2026-11-24", "15:00"],
    ["yarın saat 9.30'da retro planla", "2026-11-24", "09:30"],
    ["cuma saat 10 retro planla", "2026-11-27", "10:00"],
    ["Salı öğleden sonra 3'te retro planla", "2026-11-24", "15:00"],
    ["haftaya pazartesi 10:00 retro planla", "2026-11-30", "10:00"],
    ["3 Aralık saat 14 retro planla", "2026-12-03", "14:00"],
    ["24.12.2026 saat 14 retro planla", "2026-12-24", "14:00"],
    ["2 saat sonra retro planla", "2026-11-23", "13:00"],
  ])("%s → %s %s", (text, date, time) => {
    expect(parse(text)).toMatchObject({ title: "retro", date, startTime: time, problems: [] });
  });

  it.each([
    ["yarın saat 10'da 1 saat retro planla", 60],
    ["yarın saat 10'da bir buçuk saat retro planla", 90],
    ["yarın saat 10'da 1,5 saat retro planla", 90],
    ["yarın saat 10'da yarım saat retro planla", 30],
    ["yarın 10:00-11:00 retro planla", 60],
    ["yarın 10'dan 12'ye kadar retro planla", 120],
  ])("%s → %i minutes", (text, minutes) => {
    expect(parse(text)).toMatchObject({ title: "retro", date: "2026-11-24", startTime: "10:00", durationMinutes: minutes, problems: [] });
  });

  it("reads the channel and '-la/-le' names as invitees", () => {
    expect(parse("yarın saat 10'da kanal ile retro planla").inviteeTexts).toEqual(["@channel"]);
    expect(parse("yarın saat 10'da ekiple retro planla").inviteeTexts).toEqual(["@channel"]);
    expect(parse("cuma 15'ten 16'ya kadar Aiko'yla sprint planlaması ayarla")).toMatchObject({ title: "sprint planlaması", inviteeTexts: ["Aiko"] });
  });

  it("never guesses what it cannot read: the 45th, 25 o'clock and an unknown 'her …'", () => {
    expect(parse("ayın 45'inde planlama toplantısı planla")).toMatchObject({ title: "planlama toplantısı", date: null, problems: [{ field: "date", text: "ayın 45'inde" }] });
    expect(parse("yarın saat 25'te retro planla")).toMatchObject({ startTime: null, problems: [{ field: "time", text: "saat 25'te" }] });
    expect(parse("her perşembi retro planla")).toMatchObject({ recurrence: null, problems: [{ field: "recurrence", text: "her perşembi" }] });
  });

  it("leaves the title empty when only 'toplantı' remains", () => {
    expect(parse("yarın saat 10'da toplantı planla").title).toBeNull();
  });
});
