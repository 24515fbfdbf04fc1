// The pure pieces: what a typed phrase is, and how well a name names someone.
import { classifyPhrase, decideName, nameTier, rankPeople, type Person } from "../../../src/directory/invitees";

describe("classifyPhrase", () => {
  it.each([
    ["@channel", { kind: "channel" }],
    ["  @Channel ", { kind: "channel" }],
    ["Aiko", { kind: "name", name: "Aiko" }],
    ["@Aiko Tanaka", { kind: "name", name: "Aiko Tanaka" }],
    ["Jun.Park@Fabrikam.com", { kind: "email", address: "jun.park@fabrikam.com" }],
    ["mailto:jun.park@fabrikam.com", { kind: "email", address: "jun.park@fabrikam.com" }],
    ['"Park, Jun" <jun.park@fabrikam.com>', { kind: "email", address: "jun.park@fabrikam.com", displayName: "Park, Jun" }],
    ["<jun.park@fabrikam.com>", { kind: "email", address: "jun.park@fabrikam.com" }],
    ["jun park@fabrikam.com", { kind: "invalid-email" }],
    ["jun@", { kind: "invalid-email" }],
    ["Jun <not-an-address>", { kind: "invalid-email" }],
    ["   ", { kind: "empty" }],
    ["@", { kind: "empty" }],
  ])("reads %j as %j", (raw, expected) => {
    expect(classifyPhrase(raw)).toEqual(expected);
  });
});

const anna: Person = { displayName: "Anna Berg", givenName: "Anna", surname: "Berg", email: "anna.berg@contoso.se" };
const annaLind: Person = { displayName: "Anna Lind", givenName: "Anna", surname: "Lind", email: "anna.lind@contoso.se" };
const laura: Person = { displayName: "Laura Díaz", givenName: "Laura", surname: "Díaz", email: "laura.diaz@contoso.com" };

describe("nameTier", () => {
  it("ranks the whole name above a prefix of its parts, ignoring case and accents", () => {
    expect(nameTier("anna berg", anna)).toBe(0);
    expect(nameTier("Laura Diaz", laura)).toBe(0);
    expect(nameTier("Ann", anna)).toBe(1);
    expect(nameTier("berg", anna)).toBe(1);
    expect(nameTier("Anna B", anna)).toBe(1);
  });

  it("does not count one name part twice, nor a word that starts no part", () => {
    expect(nameTier("Anna B", annaLind)).toBeUndefined();
    expect(nameTier("Anna Anna", anna)).toBeUndefined();
    expect(nameTier("nna", anna)).toBeUndefined();
  });
});

describe("decideName", () => {
  it("settles on the one person at the best tier", () => {
    const decision = decideName(rankPeople("Anna B", [annaLind, anna], () => false));
    expect(decision).toEqual({ kind: "one", match: expect.objectContaining({ person: anna, tier: 1 }) });
  });

  it("asks when two people tie, conversation members first", () => {
    const decision = decideName(rankPeople("Anna", [anna, annaLind], (p) => p === annaLind));
    expect(decision.kind).toBe("ambiguous");
    expect(decision.kind === "ambiguous" && decision.ranked.map((r) => r.person)).toEqual([annaLind, anna]);
  });

  it("an exact full name wins over people who merely share a first name", () => {
    const decision = decideName(rankPeople("Anna Lind", [anna, annaLind], () => false));
    expect(decision).toEqual({ kind: "one", match: expect.objectContaining({ person: annaLind, tier: 0 }) });
  });

  it("finds nothing in an empty list", () => {
    expect(decideName([])).toEqual({ kind: "none" });
  });
});
