import { matchUser, type WebexPeople } from "../../src/directory";
import { demo, webexPersonId } from "./fakes";

describe("matching a Microsoft 365 user to their Webex account", () => {
  it("links a user through their primary address with exactly one Webex lookup", async () => {
    const { deps, webex, links, who, person, tenant, now } = demo();
    const aiko = person("aiko.tanaka");

    const result = await matchUser(deps, who("aiko.tanaka"));

    expect(result).toEqual({
      kind: "matched",
      address: "aiko.tanaka@contoso.com",
      source: "mail",
      webexPersonId: webexPersonId(aiko),
      webexEmail: "aiko.tanaka@contoso.com",
      link: "created",
    });
    expect(webex.lookups).toEqual(["aiko.tanaka@contoso.com"]);
    expect(links.upserts).toEqual([
      {
        tenantId: tenant.id,
        aadObjectId: aiko.id,
        upn: "aiko.tanaka@contoso.com",
        matchedAddress: "aiko.tanaka@contoso.com",
        webexPersonId: webexPersonId(aiko),
        webexEmail: "aiko.tanaka@contoso.com",
        matchedBy: "mail",
        matchedAt: now,
      },
    ]);
  });

  it("finds Lasse Nyström through the alias Webex knows him by, after his primary address misses", async () => {
    const { deps, webex, links, who, person } = demo();

    const result = await matchUser(deps, who("lasse.nystrom"));

    expect(result).toMatchObject({ kind: "matched", address: "lars.nystrom@contoso.se", source: "alias", webexEmail: "lars.nystrom@contoso.se", link: "created" });
    expect(webex.lookups).toEqual(["lasse.nystrom@contoso.se", "lars.nystrom@contoso.se"]);
    expect(links.upserts).toHaveLength(1);
    expect(links.upserts[0]).toMatchObject({ aadObjectId: person("lasse.nystrom").id, upn: "lasse.nystrom@contoso.se", matchedAddress: "lars.nystrom@contoso.se", matchedBy: "alias" });
  });

  it("tells a user without a Webex account which addresses were tried, and stores nothing", async () => {
    const { deps, webex, links, who } = demo();

    const result = await matchUser(deps, who("emma.johansson"));

    expect(result).toEqual({ kind: "no-webex-account", tried: ["emma.johansson@contoso.se", "emma.johansson@contoso.com"] });
    expect(webex.lookups).toEqual(["emma.johansson@contoso.se", "emma.johansson@contoso.com"]);
    expect(links.rows.size).toBe(0);
  });

  it("never looks up an address outside the organization's verified domains", async () => {
    const { deps, webex, who } = demo();

    await matchUser(deps, who("tom.baker"));

    expect(webex.lookups).toEqual(["tom.baker@contoso.com"]);
  });

  it("refuses a user whose addresses are all in an unverified domain, without asking Webex", async () => {
    const { deps, webex, links, tenant, person } = demo();
    const guest = { ...person("noah.fischer"), id: "00000000-0000-4000-8000-0000000000ff", userPrincipalName: "jun.park@fabrikam.com", mail: "jun.park@fabrikam.com", proxyAddresses: ["SMTP:jun.park@fabrikam.com", "smtp:jun@fabrikam.com"], webexEmail: "jun.park@fabrikam.com" };
    tenant.users.push(guest);

    const result = await matchUser(deps, { tenantId: tenant.id, userId: guest.id });

    expect(result).toEqual({ kind: "domain-not-verified", tried: ["jun.park@fabrikam.com", "jun@fabrikam.com"], verifiedDomains: ["contoso.com", "contoso.se"] });
    expect(webex.lookups).toEqual([]);
    expect(links.rows.size).toBe(0);
  });

  it("refuses a disabled account without asking Webex, even if it was linked before", async () => {
    const { deps, webex, links, who, tenant, person, now } = demo();
    const ingrid = person("ingrid.wallin");
    await links.upsert({ tenantId: tenant.id, aadObjectId: ingrid.id, upn: ingrid.userPrincipalName, matchedAddress: "ingrid.wallin@contoso.se", webexPersonId: "p-ingrid", webexEmail: "ingrid.wallin@contoso.se", matchedBy: "mail", matchedAt: now });

    const result = await matchUser(deps, who("ingrid.wallin"));

    expect(result).toEqual({ kind: "account-disabled" });
    expect(webex.lookups).toEqual([]);
  });

  it("matches addresses written in any case with a single lower-case lookup", async () => {
    const { deps, webex, who, person } = demo();
    const omar = person("omar.haddad");
    omar.mail = " Omar.Haddad@CONTOSO.COM ";
    omar.userPrincipalName = "OMAR.HADDAD@contoso.com";
    omar.proxyAddresses = ["SMTP:Omar.Haddad@Contoso.com", "smtp:omar.haddad@CONTOSO.onmicrosoft.com"];

    const result = await matchUser(deps, who("omar.haddad"));

    expect(result).toMatchObject({ kind: "matched", address: "omar.haddad@contoso.com" });
    expect(webex.lookups).toEqual(["omar.haddad@contoso.com"]);
  });

  it("reuses a stored link that still holds, without asking Webex again", async () => {
    const { deps, webex, links, who } = demo();
    await matchUser(deps, who("lasse.nystrom"));
    webex.lookups.length = 0;

    const again = await matchUser(deps, who("lasse.nystrom"));

    expect(again).toMatchObject({ kind: "matched", address: "lars.nystrom@contoso.se", source: "alias", link: "kept" });
    expect(webex.lookups).toEqual([]);
    expect(links.upserts).toHaveLength(1);
  });

  it("re-matches and updates the link when the user's UPN changed", async () => {
    const { deps, webex, links, who, person, tenant } = demo();
    const first = await matchUser(deps, who("aiko.tanaka"));
    const aiko = person("aiko.tanaka");
    // A name change: Exchange keeps the old primary address as an alias, and Webex still knows it.
    aiko.userPrincipalName = "aiko.sato@contoso.com";
    aiko.mail = "aiko.sato@contoso.com";
    aiko.proxyAddresses = ["SMTP:aiko.sato@contoso.com", "smtp:aiko.tanaka@contoso.onmicrosoft.com", "smtp:aiko.tanaka@contoso.com"];
    webex.lookups.length = 0;

    const second = await matchUser(deps, who("aiko.tanaka"));

    expect(second).toMatchObject({ kind: "matched", address: "aiko.tanaka@contoso.com", source: "alias", link: "rematched" });
    expect(first.kind === "matched" && second.kind === "matched" && first.webexPersonId === second.webexPersonId).toBe(true);
    expect(webex.lookups).toEqual(["aiko.sato@contoso.com", "aiko.tanaka@contoso.com"]);
    expect(await links.get(tenant.id, aiko.id)).toMatchObject({ upn: "aiko.sato@contoso.com", matchedBy: "alias" });
  });

  it("keeps a link the person made by hand even after their UPN changed", async () => {
    const { deps, webex, links, who, tenant, person, now } = demo();
    const tom = person("tom.baker");
    await links.upsert({ tenantId: tenant.id, aadObjectId: tom.id, upn: tom.userPrincipalName, matchedAddress: "tom@webex.example", webexPersonId: "p-tom", webexEmail: "tom@webex.example", matchedBy: "manual", matchedAt: now });
    tom.userPrincipalName = "thomas.baker@contoso.com";

    const result = await matchUser(deps, who("tom.baker"));

    expect(result).toEqual({ kind: "matched", address: "tom@webex.example", source: "manual", webexPersonId: "p-tom", webexEmail: "tom@webex.example", link: "kept" });
    expect(webex.lookups).toEqual([]);
  });

  it("reports a Webex outage as an error rather than as a missing account", async () => {
    const { deps, links, who } = demo();
    const down: WebexPeople = { findByEmail: async () => Promise.reject(new Error("Webex unavailable")) };

    await expect(matchUser({ ...deps, webex: down }, who("aiko.tanaka"))).rejects.toThrow("Webex unavailable");
    expect(links.rows.size).toBe(0);
  });
});
