import { explainMatch } from "../../src/directory";

describe("explaining a match to the person", () => {
  it("shows the Webex account a user is now linked to and how it was found", () => {
    expect(explainMatch({ kind: "matched", address: "lars.nystrom@contoso.se", source: "alias", webexPersonId: "p1", webexEmail: "lars.nystrom@contoso.se", link: "created" })).toEqual([
      { part: "linked", webexEmail: "lars.nystrom@contoso.se", address: "lars.nystrom@contoso.se", via: "alias", link: "created" },
    ]);
  });

  it("lists the tried addresses and offers to connect Webex by hand or ask the Webex admin when no account exists", () => {
    expect(explainMatch({ kind: "no-webex-account", tried: ["tom.baker@contoso.com"] })).toEqual([
      { part: "no-webex-account" },
      { part: "addresses-tried", addresses: ["tom.baker@contoso.com"] },
      { part: "next-step", step: "connect-webex" },
      { part: "next-step", step: "ask-webex-admin" },
    ]);
  });

  it("shows the unverified addresses next to the verified domains and points to the Microsoft 365 admin", () => {
    expect(explainMatch({ kind: "domain-not-verified", tried: ["jun.park@fabrikam.com"], verifiedDomains: ["contoso.com", "contoso.se"] })).toEqual([
      { part: "domain-not-verified" },
      { part: "addresses-tried", addresses: ["jun.park@fabrikam.com"] },
      { part: "verified-domains", domains: ["contoso.com", "contoso.se"] },
      { part: "next-step", step: "ask-microsoft-admin" },
    ]);
  });

  it("says the directory has no e-mail address for the user rather than listing none", () => {
    expect(explainMatch({ kind: "domain-not-verified", tried: [], verifiedDomains: ["contoso.com"] })[0]).toEqual({ part: "no-address" });
  });

  it("points a disabled account to the Microsoft 365 admin", () => {
    expect(explainMatch({ kind: "account-disabled" })).toEqual([{ part: "account-disabled" }, { part: "next-step", step: "ask-microsoft-admin" }]);
  });
});
