import { candidateAddresses, checkOrganization } from "../../src/directory";
import { createTenant, userByLocal, VERIFIED_DOMAINS } from "../../../sandbox/tenant";

describe("the organization check", () => {
  it("keeps only the addresses in a verified domain, in order", () => {
    const lasse = userByLocal(createTenant(), "lasse.nystrom");
    const check = checkOrganization(candidateAddresses(lasse), VERIFIED_DOMAINS);
    expect(check).toEqual({
      ok: true,
      verified: [
        { address: "lasse.nystrom@contoso.se", source: "mail" },
        { address: "lars.nystrom@contoso.se", source: "alias" },
        { address: "lasse.nystrom@contoso.com", source: "alias" },
      ],
    });
  });

  it("compares domains without regard to case", () => {
    const check = checkOrganization([{ address: "sven.karlsson@contoso.se", source: "mail" }], [" Contoso.SE. "]);
    expect(check.ok).toBe(true);
  });

  it("refuses, listing what was tried and what is verified, when every address is outside the organization", () => {
    const addresses = candidateAddresses({ mail: "jun.park@fabrikam.com", userPrincipalName: "jun.park@fabrikam.com", proxyAddresses: ["SMTP:jun.park@fabrikam.com", "smtp:jun@fabrikam.com"] });
    expect(checkOrganization(addresses, ["contoso.com", "CONTOSO.se"])).toEqual({
      ok: false,
      reason: "domain-not-verified",
      tried: ["jun.park@fabrikam.com", "jun@fabrikam.com"],
      verifiedDomains: ["contoso.com", "contoso.se"],
    });
  });

  it("does not treat a subdomain or a look-alike domain as verified", () => {
    const addresses = candidateAddresses({
      mail: "omar@sales.contoso.com",
      userPrincipalName: "omar@contoso.com.evil.example",
      proxyAddresses: ["smtp:omar@notcontoso.com", "smtp:omar@contoso.co"],
    });
    const check = checkOrganization(addresses, VERIFIED_DOMAINS);
    expect(check.ok).toBe(false);
  });

  it("verifies a subdomain when it is listed itself", () => {
    const check = checkOrganization([{ address: "omar@sales.contoso.com", source: "mail" }], [...VERIFIED_DOMAINS, "sales.contoso.com"]);
    expect(check).toEqual({ ok: true, verified: [{ address: "omar@sales.contoso.com", source: "mail" }] });
  });
});
