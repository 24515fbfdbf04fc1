// The help card's examples are what a new user copies first: each must read completely — a
// title, a date or series, a time, a length, nothing left for the card to ask. (The Turkish one
// once lost its title: "Haftalık toplantı" is a series word plus "meeting".)
import { en } from "../../../src/teams/i18n/en";
import { ja } from "../../../src/teams/i18n/ja";
import { sv } from "../../../src/teams/i18n/sv";
import { tr } from "../../../src/teams/i18n/tr";
import { parser, ZONES } from "./helpers";

describe("the help card's scheduling examples", () => {
  it.each([
    ["en", en, parser("en-US", ZONES.en)],
    ["sv", sv, parser("sv-SE", ZONES.sv)],
    ["ja", ja, parser("ja-JP", ZONES.ja)],
    ["tr", tr, parser("tr-TR", ZONES.tr)],
  ] as const)("read completely in %s", (_lang, strings, parse) => {
    for (const example of [strings["help.example1"], strings["help.example2"]]) {
      const r = parse(example);
      expect({ example, problems: r.problems }).toEqual({ example, problems: [] });
      expect(r.title).not.toBeNull();
      expect(r.date).not.toBeNull();
      expect(r.startTime).not.toBeNull();
      expect(r.durationMinutes).not.toBeNull();
    }
    const series = parse(strings["help.example2"]).recurrence;
    expect(series).toMatchObject({ frequency: "weekly", daysOfWeek: ["monday"], until: "2027-03-31" });
  });
});
