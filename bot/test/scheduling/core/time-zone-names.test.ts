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
    ["kolkata", "Asia/Kolkata"],
    ["Ho Chi Minh", "Asia/Ho_Chi_Minh"],
  ])("reads %s as %s", (typed, zone) => {
    expect(resolveTimeZoneName(typed)).toBe(zone);
  });

  it.each(["Mars/Olympus", "Nowhere", "", "   "])("does not guess a zone for %j", (typed) => {
    expect(resolveTimeZoneName(typed)).toBeUndefined();
  });
});
