import { startHarness, type Harness } from "./harness";

let h: Harness;
let app: string;
beforeAll(async () => {
  h = await startHarness();
  app = await h.appToken(["User.Read.All"]);
});
afterAll(() => h.close());

interface Round {
  users: Record<string, unknown>[];
  deltaLink: string;
  pages: number;
}

/** Follows nextLinks (path and query only: the harness calls its own origin) to the deltaLink. */
async function round(first: string, token = app): Promise<Round> {
  const users: Record<string, unknown>[] = [];
  let url: string | undefined = first;
  let pages = 0;
  for (;;) {
    const r = await h.call(url, { token });
    expect(r.status).toBe(200);
    pages++;
    users.push(...(r.json.value as Record<string, unknown>[]));
    expect(r.json["@odata.nextLink"] !== undefined && r.json["@odata.deltaLink"] !== undefined).toBe(false);
    if (r.json["@odata.deltaLink"]) return { users, deltaLink: relative(r.json["@odata.deltaLink"] as string), pages };
    url = relative(r.json["@odata.nextLink"] as string);
  }
}

const relative = (link: string): string => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};

describe("GET /users/delta", () => {
  test("the first round lists every user over pages and ends with a deltaLink; $select holds on every page", async () => {
    const r = await round("/v1.0/users/delta?$select=displayName,mail&$top=10");
    expect(r.users).toHaveLength(h.tenant.users.length);
    expect(r.pages).toBe(Math.ceil(h.tenant.users.length / 10));
    for (const u of r.users) expect(Object.keys(u).sort()).toEqual(["displayName", "id", "mail"]);
    // The links carry only the state token; the query options are remembered by the service.
    expect(r.deltaLink).toMatch(/^\/v1\.0\/users\/delta\?\$deltatoken=[^&]+$/);
  });

  test("a deltaLink round returns only what changed since, and removed users as @removed", async () => {
    const start = await round("/v1.0/users/delta?$select=displayName,mail,accountEnabled");
    const quiet = await round(start.deltaLink);
    expect(quiet.users).toEqual([]);

    const tenant = h.emulator.state.tenant();
    const aiko = tenant.users.find((u) => u.displayName === "Aiko Tanaka")!;
    const removed = tenant.users.find((u) => u.displayName === "Mia Holm")!;
    const before = [...tenant.users];
    aiko.displayName = "Aiko Tanaka-Berg";
    tenant.users.splice(tenant.users.indexOf(removed), 1);
    try {
      const changes = await round(quiet.deltaLink);
      expect(changes.users).toEqual(
        expect.arrayContaining([
          { id: aiko.id, displayName: "Aiko Tanaka-Berg", mail: aiko.mail, accountEnabled: true },
          { id: removed.id, "@removed": { reason: "deleted" } },
        ]),
      );
      expect(changes.users).toHaveLength(2);
      // The same link can be read again: it still answers relative to its own moment.
      expect((await round(quiet.deltaLink)).users).toHaveLength(2);
      expect((await round(changes.deltaLink)).users).toEqual([]);
    } finally {
      aiko.displayName = "Aiko Tanaka";
      tenant.users.splice(0, tenant.users.length, ...before);
    }
  });

  test("a change outside $select is not reported, and later rounds page as the first one did", async () => {
    const start = await round("/v1.0/users/delta?$select=displayName&$top=5");
    const tenant = h.emulator.state.tenant();
    const saved = tenant.users.map((u) => ({ ...u }));
    try {
      tenant.users[0]!.officeLocation = "Somewhere else";
      expect((await round(start.deltaLink)).users).toEqual([]);
      for (const u of tenant.users.slice(0, 12)) u.displayName = `${u.displayName} (renamed)`;
      const changes = await round(start.deltaLink);
      expect(changes.users).toHaveLength(12);
      expect(changes.pages).toBe(3);
    } finally {
      tenant.users.splice(0, tenant.users.length, ...saved);
    }
  });

  test("$deltatoken=latest starts from now: no users, only a deltaLink", async () => {
    const r = await h.call("/v1.0/users/delta?$deltatoken=latest&$select=displayName", { token: app });
    expect(r.status).toBe(200);
    expect(r.json.value).toEqual([]);
    expect(r.json["@odata.deltaLink"]).toBeDefined();
  });

  test("an unknown or expired token is a 400 syncStateNotFound: the client must synchronise again", async () => {
    const r = await h.call("/v1.0/users/delta?$deltatoken=not-a-token", { token: app });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("syncStateNotFound");
    expect(r.json.error.message).toMatch(/synchronized again/);
  });

  test("needs User.Read.All: User.ReadBasic.All is refused with 403", async () => {
    const basic = await h.appToken(["User.ReadBasic.All"]);
    const r = await h.call("/v1.0/users/delta", { token: basic });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("Authorization_RequestDenied");
  });
});
