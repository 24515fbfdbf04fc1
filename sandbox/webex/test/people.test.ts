import { personIdFor } from "../index";
import { AIKO, call, DANIEL_ADMIN, expectWebexError, EXTERNAL, LARS, LASSE_MS_MAIL, LASSE_WEBEX_ALIAS, startHarness, TOM_NO_WEBEX, USER_SCOPES, type Harness } from "./harness";
import { SCOPES } from "../integration";

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.emu.reset();
  token = h.emu.issueToken(AIKO, USER_SCOPES);
});

describe("GET /v1/people?email=", () => {
  it("finds a colleague by their Webex e-mail, with notFoundIds null", async () => {
    const r = await call(h, "GET", `/v1/people?email=${encodeURIComponent(LARS)}`, token);
    expect(r.status).toBe(200);
    expect(r.body.notFoundIds).toBeNull();
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ emails: [LARS], displayName: "Lars Berg", firstName: "Lars", lastName: "Berg", type: "person" });
    expect(r.body.items[0].id).toBe(personIdFor(LARS));
  });

  it("matches e-mail addresses case-insensitively", async () => {
    const r = await call(h, "GET", `/v1/people?email=${encodeURIComponent("Lars.Berg@CONTOSO.se")}`, token);
    expect(r.body.items[0].emails).toEqual([LARS]);
  });

  it("answers 200 with an empty list for someone without a Webex account", async () => {
    const r = await call(h, "GET", `/v1/people?email=${encodeURIComponent(TOM_NO_WEBEX)}`, token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ items: [] });
  });

  it("does not find a person under their Microsoft address when Webex knows them by an alias", async () => {
    const byMail = await call(h, "GET", `/v1/people?email=${encodeURIComponent(LASSE_MS_MAIL)}`, token);
    expect(byMail.body).toEqual({ items: [] });
    const byAlias = await call(h, "GET", `/v1/people?email=${encodeURIComponent(LASSE_WEBEX_ALIAS)}`, token);
    expect(byAlias.body.items[0]).toMatchObject({ emails: [LASSE_WEBEX_ALIAS], displayName: "Lasse Nyström" });
  });

  it("hides Webex users of other organisations", async () => {
    const r = await call(h, "GET", `/v1/people?email=${encodeURIComponent(EXTERNAL)}`, token);
    expect(r.body).toEqual({ items: [] });
    const byId = await call(h, "GET", `/v1/people/${personIdFor(EXTERNAL)}`, token);
    expectWebexError(byId, 404);
  });
});

describe("other people lookups", () => {
  it("returns the token's owner for /people/me", async () => {
    const r = await call(h, "GET", "/v1/people/me", token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: personIdFor(AIKO), emails: [AIKO], displayName: "Aiko Tanaka", timezone: "Asia/Tokyo" });
  });

  it("uses ids shaped like real Webex ids, stable across emulator instances", async () => {
    const id = personIdFor(AIKO);
    expect(Buffer.from(id, "base64url").toString()).toMatch(/^ciscospark:\/\/us\/PEOPLE\/[0-9a-f-]{36}$/);
    const other = await startHarness();
    try {
      const t = other.emu.issueToken(AIKO, USER_SCOPES);
      expect((await call(other, "GET", "/v1/people/me", t)).body.id).toBe(id);
    } finally {
      await other.close();
    }
  });

  it("gets a person by id", async () => {
    const r = await call(h, "GET", `/v1/people/${personIdFor(LARS)}`, token);
    expect(r.status).toBe(200);
    expect(r.body.emails).toEqual([LARS]);
  });

  it("reports unknown ids of an id list in notFoundIds", async () => {
    const unknown = personIdFor("nobody@contoso.com");
    const r = await call(h, "GET", `/v1/people?id=${personIdFor(LARS)},${unknown}`, token);
    expect(r.body.items.map((p: { emails: string[] }) => p.emails[0])).toEqual([LARS]);
    expect(r.body.notFoundIds).toEqual([unknown]);
  });

  it("finds people by the start of their name", async () => {
    const r = await call(h, "GET", "/v1/people?displayName=anna", token);
    expect(r.body.items.map((p: { displayName: string }) => p.displayName).sort()).toEqual(["Anna Berg", "Anna Lind"]);
  });

  it("refuses a non-admin listing without email, displayName or id", async () => {
    expectWebexError(await call(h, "GET", "/v1/people", token), 400);
  });

  it("lets an admin list the whole organisation, paged with a Link header", async () => {
    const admin = h.emu.issueToken(DANIEL_ADMIN, [SCOPES.adminPeopleRead]);
    const first = await call(h, "GET", "/v1/people?max=10", admin);
    expect(first.body.items).toHaveLength(10);
    const link = first.headers.get("link") ?? "";
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    expect(next).toBeDefined();
    const second = await call(h, "GET", next!.slice(h.url.length), admin);
    expect(second.body.items).toHaveLength(10);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe("authorization", () => {
  it("answers 401 with Webex's error body without a valid token", async () => {
    const none = await call(h, "GET", "/v1/people/me");
    expectWebexError(none, 401);
    expectWebexError(await call(h, "GET", "/v1/people/me", "not-a-token"), 401);
  });

  it("answers 403 when the token lacks spark:people_read", async () => {
    const t = h.emu.issueToken(AIKO, [SCOPES.schedulesRead]);
    expectWebexError(await call(h, "GET", `/v1/people?email=${LARS}`, t), 403);
  });

  it("answers 401 once the access token has expired", async () => {
    const t = h.emu.issueToken(AIKO, USER_SCOPES, { expiresInSeconds: 60 });
    expect((await call(h, "GET", "/v1/people/me", t)).status).toBe(200);
    h.emu.advanceClock(61_000);
    expectWebexError(await call(h, "GET", "/v1/people/me", t), 401);
  });
});
