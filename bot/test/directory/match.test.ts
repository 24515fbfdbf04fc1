import { decideMatch, needsRematch, planLookups, type DirectoryUser, type StoredAccountLink } from "../../src/directory";
import { createTenant, userByLocal, VERIFIED_DOMAINS } from "../../../sandbox/tenant";
import { toDirectoryUser } from "./fakes";

const tenant = createTenant();
const user = (local: string): DirectoryUser => toDirectoryUser(userByLocal(tenant, local));
const person = (id: string, email: string) => ({ id, emails: [email], displayName: id });
const fabrikamGuest: DirectoryUser = {
  displayName: "Jun Park",
  mail: "jun.park@fabrikam.com",
  userPrincipalName: "jun.park@fabrikam.com",
  proxyAddresses: ["SMTP:jun.park@fabrikam.com"],
  accountEnabled: true,
};

describe("planning the Webex lookups", () => {
  it("looks up the primary address first, then the verified aliases, never the unverified ones", () => {
    expect(planLookups(user("lasse.nystrom"), VERIFIED_DOMAINS).map((c) => c.address)).toEqual([
      "lasse.nystrom@contoso.se",
      "lars.nystrom@contoso.se",
      "lasse.nystrom@contoso.com",
    ]);
  });

  it("plans nothing for a disabled account or a user outside the organization", () => {
    expect(planLookups(user("ingrid.wallin"), VERIFIED_DOMAINS)).toEqual([]);
    expect(planLookups(fabrikamGuest, VERIFIED_DOMAINS)).toEqual([]);
  });
});

describe("deciding the match", () => {
  it("matches on the primary address when Webex knows it", () => {
    const decision = decideMatch(user("aiko.tanaka"), [{ address: "aiko.tanaka@contoso.com", person: person("p-aiko", "Aiko.Tanaka@contoso.com") }], VERIFIED_DOMAINS);
    expect(decision).toEqual({ kind: "matched", address: "aiko.tanaka@contoso.com", source: "mail", webexPersonId: "p-aiko", webexEmail: "aiko.tanaka@contoso.com" });
  });

  it("matches on an alias when only the alias is known to Webex", () => {
    const decision = decideMatch(
      user("lasse.nystrom"),
      [
        { address: "lasse.nystrom@contoso.se", person: undefined },
        { address: "lars.nystrom@contoso.se", person: person("p-lasse", "lars.nystrom@contoso.se") },
      ],
      VERIFIED_DOMAINS,
    );
    expect(decision).toEqual({ kind: "matched", address: "lars.nystrom@contoso.se", source: "alias", webexPersonId: "p-lasse", webexEmail: "lars.nystrom@contoso.se" });
  });

  it("prefers the primary address over an alias whatever order the answers came in", () => {
    const decision = decideMatch(
      user("lars.berg"),
      [
        { address: "lars.berg@contoso.com", person: person("p-alias", "lars.berg@contoso.com") },
        { address: "LARS.BERG@contoso.se", person: person("p-primary", "lars.berg@contoso.se") },
      ],
      VERIFIED_DOMAINS,
    );
    expect(decision).toMatchObject({ kind: "matched", webexPersonId: "p-primary", source: "mail" });
  });

  it("never matches through an address outside the verified domains", () => {
    const decision = decideMatch(
      user("omar.haddad"),
      [
        { address: "omar.haddad@contoso.com", person: undefined },
        { address: "omar.haddad@contoso.onmicrosoft.com", person: person("p-omar", "omar.haddad@contoso.onmicrosoft.com") },
      ],
      VERIFIED_DOMAINS,
    );
    expect(decision).toEqual({ kind: "no-webex-account", tried: ["omar.haddad@contoso.com"] });
  });

  it("says which addresses were tried when Webex knows none of them", () => {
    const decision = decideMatch(
      user("emma.johansson"),
      [
        { address: "emma.johansson@contoso.se", person: undefined },
        { address: "emma.johansson@contoso.com", person: undefined },
      ],
      VERIFIED_DOMAINS,
    );
    expect(decision).toEqual({ kind: "no-webex-account", tried: ["emma.johansson@contoso.se", "emma.johansson@contoso.com"] });
  });

  it("refuses a user whose addresses are all outside the organization", () => {
    expect(decideMatch(fabrikamGuest, [], VERIFIED_DOMAINS)).toEqual({
      kind: "domain-not-verified",
      tried: ["jun.park@fabrikam.com"],
      verifiedDomains: ["contoso.com", "contoso.se"],
    });
  });

  it("refuses a disabled account even when Webex knows its address", () => {
    const decision = decideMatch(user("ingrid.wallin"), [{ address: "ingrid.wallin@contoso.se", person: person("p-ingrid", "ingrid.wallin@contoso.se") }], VERIFIED_DOMAINS);
    expect(decision).toEqual({ kind: "account-disabled" });
  });
});

describe("knowing when a stored link is out of date", () => {
  const link = (over: Partial<StoredAccountLink>): StoredAccountLink => ({
    tenantId: tenant.id,
    aadObjectId: userByLocal(tenant, "aiko.tanaka").id,
    upn: "aiko.tanaka@contoso.com",
    matchedAddress: "aiko.tanaka@contoso.com",
    webexPersonId: "p-aiko",
    webexEmail: "aiko.tanaka@contoso.com",
    matchedBy: "mail",
    matchedAt: new Date("2026-01-01T00:00:00Z"),
    ...over,
  });
  const aiko = user("aiko.tanaka");

  it("keeps a link while the user's UPN and primary address are unchanged, whatever their case", () => {
    expect(needsRematch(link({ upn: "Aiko.Tanaka@Contoso.com" }), aiko)).toBe(false);
  });

  it("re-matches when the UPN changed", () => {
    expect(needsRematch(link({}), { ...aiko, userPrincipalName: "aiko.sato@contoso.com" })).toBe(true);
  });

  it("re-matches a link made through the mail when the mail changed", () => {
    expect(needsRematch(link({}), { ...aiko, mail: "aiko.sato@contoso.com", proxyAddresses: ["SMTP:aiko.sato@contoso.com", "smtp:aiko.tanaka@contoso.com"] })).toBe(true);
  });

  it("keeps a link made through an alias while the user still has that alias", () => {
    const lasse = user("lasse.nystrom");
    const aliasLink = link({ upn: "lasse.nystrom@contoso.se", matchedAddress: "lars.nystrom@contoso.se", matchedBy: "alias" });
    expect(needsRematch(aliasLink, lasse)).toBe(false);
    expect(needsRematch(aliasLink, { ...lasse, proxyAddresses: ["SMTP:lasse.nystrom@contoso.se"] })).toBe(true);
  });

  it("never re-matches a link the person made by hand", () => {
    expect(needsRematch(link({ matchedBy: "manual", matchedAddress: "aiko@webex.example" }), { ...aiko, userPrincipalName: "aiko.sato@contoso.com" })).toBe(false);
  });
});
