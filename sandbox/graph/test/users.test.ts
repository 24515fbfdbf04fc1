import { example, missingKeys, startHarness, type Harness } from "./harness";

let h: Harness;
let app: string;
beforeAll(async () => {
  h = await startHarness();
  app = await h.appToken(["User.Read.All", "Directory.Read.All"]);
});
afterAll(() => h.close());

const eventual = { ConsistencyLevel: "eventual" };

describe("GET /users", () => {
  test("returns the documented default property set, shaped like the published example", async () => {
    const r = await h.call("/v1.0/users", { token: app });
    expect(r.status).toBe(200);
    expect(r.json["@odata.context"]).toMatch(/\$metadata#users$/);
    const sample = example("users-list.response.json") as { value: Record<string, unknown>[] };
    const first = r.json.value[0];
    expect(missingKeys(sample.value[0]!, first)).toEqual([]);
    expect(Object.keys(first).sort()).toEqual(Object.keys(sample.value[0]!).sort());
    expect(r.json.value).toHaveLength(h.tenant.users.length);
  });

  test("$select returns only the chosen properties (plus id) and names them in @odata.context", async () => {
    const r = await h.call("/v1.0/users?$select=displayName,mail,accountEnabled", { token: app });
    expect(r.json["@odata.context"]).toMatch(/users\(displayName,mail,accountEnabled\)$/);
    for (const u of r.json.value) expect(Object.keys(u).sort()).toEqual(["accountEnabled", "displayName", "id", "mail"]);
  });

  test("$select of a property users do not have is a 400", async () => {
    const r = await h.call("/v1.0/users?$select=shoeSize", { token: app });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/shoeSize/);
  });

  test("disabled accounts are still listed, with accountEnabled false", async () => {
    const r = await h.call("/v1.0/users?$select=userPrincipalName,accountEnabled&$filter=startswith(displayName,'Ingrid')", { token: app });
    expect(r.json.value).toEqual([expect.objectContaining({ userPrincipalName: "ingrid.wallin@contoso.se", accountEnabled: false })]);
  });

  test("startswith filters on names and addresses, with and/or", async () => {
    const names = async (filter: string): Promise<string[]> => {
      const r = await h.call(`/v1.0/users?$select=displayName&$filter=${encodeURIComponent(filter)}`, { token: app });
      expect(r.status).toBe(200);
      return r.json.value.map((u: { displayName: string }) => u.displayName).sort();
    };
    expect(await names("startswith(displayName,'ann')")).toEqual(["Anna Berg", "Anna Lind"]);
    expect(await names("startswith(givenName,'La')")).toEqual(["Lars Berg", "Lasse Nyström", "Laura Díaz"]);
    expect(await names("startswith(surname,'Berg')")).toEqual(["Anna Berg", "Lars Berg"]);
    expect(await names("startswith(mail,'aiko')")).toEqual(["Aiko Tanaka"]);
    expect(await names("startswith(userPrincipalName,'omar')")).toEqual(["Omar Haddad"]);
    expect(await names("startswith(givenName,'Anna') and startswith(surname,'L')")).toEqual(["Anna Lind"]);
    expect(await names("startswith(givenName,'Mia') or startswith(givenName,'Omar')")).toEqual(["Mia Holm", "Omar Haddad"]);
  });

  test("eq on mail and userPrincipalName is case-insensitive; proxyAddresses/any finds an alias", async () => {
    const byMail = await h.call(`/v1.0/users?$filter=${encodeURIComponent("mail eq 'AIKO.TANAKA@contoso.com'")}`, { token: app });
    expect(byMail.json.value.map((u: { displayName: string }) => u.displayName)).toEqual(["Aiko Tanaka"]);
    const byUpn = await h.call(`/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'lars.berg@contoso.se'")}`, { token: app });
    expect(byUpn.json.value).toHaveLength(1);
    const alias = await h.call(`/v1.0/users?$filter=${encodeURIComponent("proxyAddresses/any(x:x eq 'smtp:lars.nystrom@contoso.se')")}`, { token: app });
    expect(alias.json.value.map((u: { displayName: string }) => u.displayName)).toEqual(["Lasse Nyström"]);
  });

  test("advanced operators (endswith, ne, not) need ConsistencyLevel: eventual and $count=true", async () => {
    const filter = encodeURIComponent("endswith(mail,'@contoso.se')");
    const plain = await h.call(`/v1.0/users?$filter=${filter}`, { token: app });
    expect(plain.status).toBe(400);
    expect(plain.json.error.code).toBe("Request_UnsupportedQuery");
    const advanced = await h.call(`/v1.0/users?$filter=${filter}&$count=true`, { token: app, headers: eventual });
    expect(advanced.status).toBe(200);
    expect(advanced.json["@odata.count"]).toBe(advanced.json.value.length);
    expect(advanced.json.value.every((u: { mail: string }) => u.mail.endsWith("@contoso.se"))).toBe(true);
  });

  test("filtering on a property that is not filterable is a 400 Request_UnsupportedQuery", async () => {
    const r = await h.call(`/v1.0/users?$filter=${encodeURIComponent("contains(displayName,'an')")}`, { token: app });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("Request_UnsupportedQuery");
    const bad = await h.call(`/v1.0/users?$filter=${encodeURIComponent("displayName eq")}`, { token: app });
    expect(bad.status).toBe(400);
  });

  test("$search needs ConsistencyLevel: eventual, then matches word prefixes", async () => {
    const q = encodeURIComponent('"displayName:ann"');
    const without = await h.call(`/v1.0/users?$search=${q}`, { token: app });
    expect(without.status).toBe(400);
    expect(without.json.error.code).toBe("Request_UnsupportedQuery");
    const r = await h.call(`/v1.0/users?$search=${q}&$select=displayName`, { token: app, headers: eventual });
    expect(r.status).toBe(200);
    expect(r.json.value.map((u: { displayName: string }) => u.displayName).sort()).toEqual(["Anna Berg", "Anna Lind"]);
    const or = await h.call(`/v1.0/users?$search=${encodeURIComponent('"displayName:berg" OR "mail:omar"')}&$select=displayName`, { token: app, headers: eventual });
    expect(or.json.value.map((u: { displayName: string }) => u.displayName).sort()).toEqual(["Anna Berg", "Lars Berg", "Omar Haddad"]);
  });

  test("$search also splits words where the case changes, as Graph's index does", async () => {
    const omar = h.emulator.state.tenant().users.find((u) => u.displayName === "Omar Haddad")!;
    omar.displayName = "Omar McDonald";
    try {
      const names = async (term: string): Promise<string[]> => {
        const r = await h.call(`/v1.0/users?$search=${encodeURIComponent(`"displayName:${term}"`)}&$select=displayName`, { token: app, headers: eventual });
        return r.json.value.map((u: { displayName: string }) => u.displayName);
      };
      expect(await names("donald")).toEqual(["Omar McDonald"]);
      expect(await names("mcd")).toEqual(["Omar McDonald"]);
      expect(await names("haddad")).toEqual([]);
    } finally {
      omar.displayName = "Omar Haddad";
    }
  });

  test("$count=true without ConsistencyLevel is refused", async () => {
    const r = await h.call("/v1.0/users?$count=true", { token: app });
    expect(r.status).toBe(400);
  });

  test("$top pages with @odata.nextLink and a skiptoken until every user was seen; above 999 is a 400", async () => {
    const seen: string[] = [];
    let next: string | undefined = "/v1.0/users?$top=10&$select=id";
    let pages = 0;
    while (next) {
      const r = await h.call(next, { token: app });
      expect(r.status).toBe(200);
      expect(r.json.value.length).toBeLessThanOrEqual(10);
      seen.push(...r.json.value.map((u: { id: string }) => u.id));
      next = r.json["@odata.nextLink"];
      if (next) expect(next).toMatch(/\$skiptoken=/);
      pages++;
    }
    expect(pages).toBe(Math.ceil(h.tenant.users.length / 10));
    expect(new Set(seen).size).toBe(h.tenant.users.length);
    expect((await h.call("/v1.0/users?$top=1000", { token: app })).status).toBe(400);
  });
});

describe("GET /users/{id | userPrincipalName} and /me", () => {
  test("finds a user by id or by UPN (any case) in the published shape", async () => {
    const aiko = h.tenant.users[0]!;
    const byId = await h.call(`/v1.0/users/${aiko.id}`, { token: app });
    expect(byId.status).toBe(200);
    expect(missingKeys(example("users-get.response.json"), byId.json)).toEqual([]);
    const byUpn = await h.call(`/v1.0/users/${aiko.userPrincipalName.toUpperCase()}?$select=userPrincipalName`, { token: app });
    expect(byUpn.json).toMatchObject({ id: aiko.id, userPrincipalName: aiko.userPrincipalName });
  });

  test("an unknown user is a 404 Request_ResourceNotFound", async () => {
    const r = await h.call("/v1.0/users/nobody@contoso.com", { token: app });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("Request_ResourceNotFound");
  });

  test("/me returns the signed-in user in the published shape", async () => {
    const token = await h.userToken("aiko.tanaka", "User.Read");
    const r = await h.call("/v1.0/me", { token });
    expect(missingKeys(example("me-get.response.json"), r.json)).toEqual([]);
    expect(r.json.mail).toBe("aiko.tanaka@contoso.com");
  });
});

describe("GET /organization", () => {
  test("lists the tenant with its verified domains", async () => {
    const r = await h.call("/v1.0/organization", { token: app });
    expect(r.status).toBe(200);
    const org = r.json.value[0];
    expect(missingKeys((example("organization-list.response.json") as { value: Record<string, unknown>[] }).value[0]!, org)).toEqual([]);
    expect(org.id).toBe(h.tenant.id);
    expect(org.verifiedDomains.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(["contoso.com", "contoso.se"]));
    expect(org.verifiedDomains.filter((d: { isDefault: boolean }) => d.isDefault)).toHaveLength(1);
  });

  test("with only User.Read it returns id, displayName and verifiedDomains and nulls the rest", async () => {
    const token = await h.userToken("lars.berg", "User.Read");
    const r = await h.call("/v1.0/organization", { token });
    expect(r.status).toBe(200);
    const org = r.json.value[0];
    expect(org.displayName).toBe("Contoso");
    expect(org.verifiedDomains.length).toBeGreaterThan(0);
    expect(org.city).toBeNull();
  });

  test("$select limits the organization to the chosen properties", async () => {
    const r = await h.call("/v1.0/organization?$select=id,displayName,verifiedDomains", { token: app });
    expect(Object.keys(r.json.value[0]).sort()).toEqual(["displayName", "id", "verifiedDomains"]);
  });

  test("an app token without Directory.Read.All is refused", async () => {
    const token = await h.appToken(["User.Read.All"]);
    expect((await h.call("/v1.0/organization", { token })).status).toBe(403);
  });
});
