import { resolveTimeZoneName } from "../../../src/scheduling/time-zone-names";

describe("a time zone typed on the card", () => {
  it.each([
    ["europe/stockholm", "Europe/Stockholm"],
    ["Tokyo", "Asia/Tokyo"],
    ["new york", "America/New_York"],
    ["São Paulo", "America/Sao_Paulo"],
    ["utc", "UTC"],
    ["GMT", "UTC"],
    ["Asia/Calcutta", "Asia/Calcutta"],
    ["us/pacific", "America/Los_Angeles"],
    ["kolkata", "Asia/Kolkata"],
    ["Ho Chi Minh", "Asia/Ho_Chi_Minh"],
  ])("reads %s as %s", (typed, zone) => {
    expect(resolveTimeZoneName(typed)).toBe(zone);
  });

  // "EST" and "CET" are fixed offsets that never change for summer time: not a meeting's zone.
  it.each(["Mars/Olympus", "Nowhere", "", "   ", "EST", "pst", "cet"])("does not guess a zone for %j", (typed) => {
    expect(resolveTimeZoneName(typed)).toBeUndefined();
  });
});
