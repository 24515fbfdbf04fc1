import { candidateAddresses } from "../../src/directory";
import { createTenant, userByLocal } from "../../../sandbox/tenant";

describe("the addresses a user may be known by in Webex", () => {
  it("lists the primary address first, then the UPN, then the aliases, ignoring non-e-mail proxy types", () => {
    const candidates = candidateAddresses({
      mail: "omar.haddad@contoso.com",
      userPrincipalName: "ohaddad@contoso.com",
      proxyAddresses: [
        "SIP:omar.haddad@contoso.com",
        "X500:/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=omar",
        "x400:c=SE;a= ;p=Contoso;o=Exchange;s=Haddad;g=Omar;",
        "smtp:omar@contoso.se",
        "EUM:4711;phone-context=contoso.com",
        "SMTP:omar.haddad@contoso.com",
        "sip:omar@contoso.se",
      ],
    });
    expect(candidates).toEqual([
      { address: "omar.haddad@contoso.com", source: "mail" },
      { address: "ohaddad@contoso.com", source: "upn" },
      { address: "omar@contoso.se", source: "alias" },
    ]);
  });

  it("reads the demo tenant's Lasse Nyström with the alias Webex knows him by", () => {
    const lasse = userByLocal(createTenant(), "lasse.nystrom");
    expect(candidateAddresses(lasse)).toEqual([
      { address: "lasse.nystrom@contoso.se", source: "mail" },
      { address: "lasse.nystrom@contoso.onmicrosoft.com", source: "alias" },
      { address: "lars.nystrom@contoso.se", source: "alias" },
      { address: "lasse.nystrom@contoso.com", source: "alias" },
    ]);
  });

  it("takes the primary address from the SMTP: proxy when the user has no mail", () => {
    expect(candidateAddresses({ mail: null, userPrincipalName: "kenji@contoso.onmicrosoft.com", proxyAddresses: ["smtp:kenji@contoso.se", "SMTP:kenji.sato@contoso.com"] })).toEqual([
      { address: "kenji.sato@contoso.com", source: "primary-proxy" },
      { address: "kenji@contoso.onmicrosoft.com", source: "upn" },
      { address: "kenji@contoso.se", source: "alias" },
    ]);
  });

  it("keeps both when mail and the SMTP: proxy disagree, mail first", () => {
    expect(candidateAddresses({ mail: "grace.kim@contoso.com", userPrincipalName: "grace.kim@contoso.com", proxyAddresses: ["SMTP:g.kim@contoso.com"] })).toEqual([
      { address: "grace.kim@contoso.com", source: "mail" },
      { address: "g.kim@contoso.com", source: "primary-proxy" },
    ]);
  });

  it("lists an address once however its case and spacing differ, keeping its most trusted source", () => {
    const candidates = candidateAddresses({
      mail: "Aiko.Tanaka@CONTOSO.com",
      userPrincipalName: "  aiko.tanaka@contoso.com ",
      proxyAddresses: ["smtp:AIKO.TANAKA@contoso.COM", "SMTP:aiko.tanaka@Contoso.com", " smtp:Aiko@Contoso.SE "],
    });
    expect(candidates).toEqual([
      { address: "aiko.tanaka@contoso.com", source: "mail" },
      { address: "aiko@contoso.se", source: "alias" },
    ]);
  });

  it("skips malformed addresses and keeps the good ones", () => {
    const candidates = candidateAddresses({
      mail: "not an address",
      userPrincipalName: "mia.holm@contoso",
      proxyAddresses: ["smtp:", "smtp:a@@contoso.se", "smtp:two words@contoso.se", "smtp:@contoso.se", "smtp:mia@-contoso.se", "smtp:.mia@contoso.se", "contoso.se", "smtp:mia.holm@contoso.se"],
    });
    expect(candidates).toEqual([{ address: "mia.holm@contoso.se", source: "alias" }]);
  });

  it("gives nothing for a user with no usable address", () => {
    expect(candidateAddresses({ mail: null, userPrincipalName: "#EXT#", proxyAddresses: ["X500:/o=Contoso"] })).toEqual([]);
  });
});
