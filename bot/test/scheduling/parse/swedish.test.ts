import { parser, ZONES } from "./helpers";

const parse = parser("sv-SE", ZONES.sv);

describe("reading a Swedish request (Europe/Stockholm, måndag 23 nov 2026 09:00)", () => {
  it("reads the example from the conversation guide: weekly on Mondays 09:00 for 30 minutes with the channel", () => {
    expect(parse("boka Veckomöte med teamet varje måndag 09:00 i 30 minuter")).toEqual({
      title: "Veckomöte",
      // Today's 09:00 has begun, so the series starts next Monday.
      date: "2026-11-30",
      startTime: "09:00",
      durationMinutes: 30,
      recurrence: { frequency: "weekly", interval: 1, daysOfWeek: ["monday"] },
      inviteeTexts: ["@channel"],
      problems: [],
    });
  });

  it.each([
    ["boka retro i morgon kl 15", "2026-11-24", "15:00"],
    ["boka retro imorgon 15:00", "2026-11-24", "15:00"],
    ["boka retro idag kl. 16.30", "2026-11-23", "16:30"],
    ["boka retro i övermorgon kl 8", "2026-11-25", "08:00"],
    ["boka retro på fredag kl 10", "2026-11-27", "10:00"],
    ["boka retro nästa tisdag kl 9", "2026-12-01", "09:00"],
    ["boka retro 3 december klockan 14", "2026-12-03", "14:00"],
    ["boka retro den 5:e kl 10", "2026-12-05", "10:00"],
    ["boka retro om 2 timmar", "2026-11-23", "11:00"],
  ])("%s → %s %s", (text, date, time) => {
    expect(parse(text)).toMatchObject({ title: "retro", date, startTime: time, problems: [] });
  });

  it.each([
    ["boka möte i morgon kl 10 i 30 minuter", 30],
    ["boka möte i morgon kl 10 i en timme", 60],
    ["boka möte i morgon kl 10 i 1,5 timmar", 90],
    ["boka möte i morgon kl 10 i en och en halv timme", 90],
    ["boka möte i morgon kl 10 en halvtimme", 30],
    ["boka möte i morgon 10-11", 60],
    ["boka möte i morgon kl 10:00–11:30", 90],
    ["boka möte i morgon mellan 10 och 12", 120],
  ])("%s → %i minutes", (text, minutes) => {
    expect(parse(text)).toMatchObject({ date: "2026-11-24", startTime: "10:00", durationMinutes: minutes, problems: [] });
  });

  it("does not guess 'den 45:e': the date is a problem, the title stays", () => {
    expect(parse("boka planering den 45:e")).toMatchObject({ title: "planering", date: null, problems: [{ field: "date", text: "den 45:e" }] });
  });

  it("reports 'kl 25' as a time problem", () => {
    expect(parse("boka möte i morgon kl 25")).toMatchObject({ date: "2026-11-24", startTime: null, problems: [{ field: "time", text: "kl 25" }] });
  });

  it("reads invitees after 'med', channel words as the channel token, and e-mail addresses", () => {
    expect(parse("boka lunch med Aiko och Lars i morgon kl 12").inviteeTexts).toEqual(["Aiko", "Lars"]);
    expect(parse("boka fika med kanalen idag kl 15").inviteeTexts).toEqual(["@channel"]);
    expect(parse("boka fika idag kl 15 med alla här").inviteeTexts).toEqual(["@channel"]);
    expect(parse("boka lunch på fredag 12:00-13:00 med anna@contoso.com")).toMatchObject({ title: "lunch", inviteeTexts: ["anna@contoso.com"] });
  });

  it("leaves the title empty when only 'möte' remains", () => {
    expect(parse("boka ett möte med Aiko i morgon kl 10").title).toBeNull();
  });
});
