/**
 * Which authorization mode a tenant is in, decided per tenant by asking the identity emulator
 * for an app-only token (certificate assertion) and reading what an admin granted — cached in
 * the real store, re-checked when stale or invalidated, and flipped by the admin consent route.
 */
import { startSandbox, type RunningSandbox } from "../../../../sandbox";
import { getPage, parseHtmlForm, submitForm } from "../../../../sandbox/identity/test/helpers";
import { sandboxAppRegistrations } from "../../../../sandbox/identity";
import { TENANT_ID } from "../../../../sandbox/tenant";
import { TokenAcquisitionError } from "../../../src/identity/token-provider";
import { messageOf, startWorld, type World } from "./harness";

let sandbox: RunningSandbox;
let world: World;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  sandbox = await startSandbox({ adminConsent: false });
});
afterAll(() => sandbox?.close());
beforeEach(async () => {
  sandbox.reset();
  world = await startWorld(sandbox);
});
afterEach(() => world.close());

const clientId = () => sandbox.credentials.app.clientId;

describe("the authorization mode of a tenant", () => {
  it("is individual while no admin has consented, and tenant once one has (after invalidation)", async () => {
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    sandbox.identity.grantAdminConsent(clientId());
    await world.accounts.invalidateMode(TENANT_ID);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    const row = await world.store.tenants.get(TENANT_ID);
    expect(row).toMatchObject({ mode: "tenant" });
    expect(row?.adminConsentGrantedAt).toEqual(world.clock.now());
  });

  it("answers from the store without asking Entra again until the answer is invalidated", async () => {
    sandbox.identity.grantAdminConsent(clientId());
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    sandbox.identity.revokeAdminConsent(clientId());
    // Entra would now say "no roles"; the recorded answer still stands…
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    expect(await world.anotherInstance().modeFor(TENANT_ID)).toBe("tenant");
    // …until someone (e.g. on Graph's 403) invalidates it.
    await world.accounts.invalidateMode(TENANT_ID);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    expect(await world.store.tenants.get(TENANT_ID)).toMatchObject({ mode: "individual", adminConsentGrantedAt: null });
  });

  it("re-checks an individual tenant after an hour, so an admin's consent is picked up without a restart", async () => {
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    sandbox.identity.grantAdminConsent(clientId());
    world.clock.advance(HOUR - 60_000);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    world.clock.advance(2 * 60_000);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
  });

  it("re-checks a tenant-mode tenant after a day and notices revoked consent", async () => {
    sandbox.identity.grantAdminConsent(clientId());
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    sandbox.identity.revokeAdminConsent(clientId());
    world.clock.advance(23 * HOUR);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    world.clock.advance(2 * HOUR);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
  });

  it("sees another instance's invalidation within half a minute (each instance keeps the row it read that long)", async () => {
    sandbox.identity.grantAdminConsent(clientId());
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    sandbox.identity.revokeAdminConsent(clientId());
    // Instance B got Graph's 403 and dropped the row; instance A still holds what it read…
    await world.anotherInstance().invalidateMode(TENANT_ID);
    world.clock.advance(29_000);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    // …for at most 30 s, then it reads the store again, finds no row, and asks Entra.
    world.clock.advance(2_000);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
  });

  it("uses one app token and Graph client for every user of a tenant, and a new token once its consent was invalidated", async () => {
    sandbox.identity.grantAdminConsent(clientId());
    const tokenRequests = () => sandbox.identity.requests.snapshot()["POST /:tenant/oauth2/v2.0/token"] ?? 0;
    const users = sandbox.tenant.users.slice(0, 3).map((u) => ({ tenantId: TENANT_ID, userId: u.id }));
    const first = await world.accounts.graphFor(users[0]!);
    const before = tokenRequests();
    for (const user of users) {
      const graph = await world.accounts.graphFor(user);
      expect(graph.mode).toBe("tenant");
      expect(graph.client).toBe(first.client);
      const me = (await graph.client.api(`/users/${user.userId}`).select("id").get()) as { id: string };
      expect(me.id).toBe(user.userId);
    }
    expect(tokenRequests()).toBe(before);
    // Consent may have changed: the next call takes a new token from Entra.
    await world.accounts.invalidateMode(TENANT_ID);
    await world.accounts.graphFor(users[0]!);
    expect(tokenRequests()).toBeGreaterThan(before);
  });

  it("keeps the first consent time while the tenant stays in tenant mode across re-checks", async () => {
    sandbox.identity.grantAdminConsent(clientId());
    const first = world.clock.now();
    await world.accounts.modeFor(TENANT_ID);
    world.clock.advance(25 * HOUR);
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    expect((await world.store.tenants.get(TENANT_ID))?.adminConsentGrantedAt).toEqual(first);
  });

  it("does not downgrade to individual mode when Entra cannot be reached: the caller sees the failure", async () => {
    const offline = await startWorld(sandbox, { AUTHORITY_HOST: "https://localhost:1" });
    try {
      await expect(offline.accounts.modeFor(TENANT_ID)).rejects.toBeInstanceOf(TokenAcquisitionError);
      expect(await offline.store.tenants.get(TENANT_ID)).toBeUndefined();
    } finally {
      await offline.close();
    }
  });

  it("is always individual in an individual-only deployment (client secret, no certificate)", async () => {
    const individual = await startWorld(sandbox, {
      APP_MODE: "individual",
      AAD_APP_CERT_PATH: "",
      AAD_APP_CERT_KEY_PATH: "",
      TOKEN_ENCRYPTION_KEY: "k1:q83vEjRWeJqrze8SNFZ4mqvN7xI0VniaXcJ/qPbk8Zo=",
      PUBLIC_BASE_URL: "https://scheduler.example.com",
    });
    try {
      sandbox.identity.grantAdminConsent(clientId());
      expect(await individual.accounts.modeFor(TENANT_ID)).toBe("individual");
      expect(await individual.accounts.isSignedIn({ tenantId: TENANT_ID, userId: "someone" })).toBe(false);
    } finally {
      await individual.close();
    }
  });
});

describe("admin consent", () => {
  it("links to Entra's admin consent page for the tenant, returning to this service", () => {
    const url = new URL(world.accounts.adminConsentUrl(TENANT_ID));
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.urls.identity}/${TENANT_ID}/adminconsent`);
    expect(url.searchParams.get("client_id")).toBe(clientId());
    expect(url.searchParams.get("redirect_uri")).toBe(`${world.baseUrl}/api/auth/microsoft/admin-consent`);
  });

  async function consentAsAdmin(decision: "accept" | "cancel") {
    // The reply URL has to be registered on the app (as in aad.manifest.json).
    sandbox.identity.registerApp(sandboxAppRegistrations(sandbox.credentials, ["http://localhost/api/auth/microsoft/admin-consent"])[0]!);
    const consentPage = await getPage(world.accounts.adminConsentUrl(TENANT_ID));
    expect(consentPage.status).toBe(200);
    const admin = sandbox.tenant.users.find((u) => u.isAdmin)!;
    const back = await submitForm(sandbox.urls.identity, parseHtmlForm(consentPage.html), { user_id: admin.id, decision });
    expect(back.status).toBe(302);
    expect(back.location).toMatch(new RegExp(`^${world.baseUrl}/api/auth/microsoft/admin-consent\\?`));
    return getPage(back.location!);
  }

  it("the consent route flips a tenant already recorded as individual to tenant mode and thanks the admin", async () => {
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    const page = await consentAsAdmin("accept");
    expect(page.status).toBe(200);
    expect(messageOf(page)).toBe("Thanks — the app can now be used by everyone in your organization.");
    expect(await world.store.tenants.get(TENANT_ID)).toMatchObject({ mode: "tenant" });
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("tenant");
    expect(await world.accounts.isSignedIn({ tenantId: TENANT_ID, userId: "anyone" })).toBe(true);
  });

  it("explains a declined admin consent and leaves the tenant in individual mode", async () => {
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    const page = await consentAsAdmin("cancel");
    expect(messageOf(page)).toContain("Admin consent was not granted");
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
  });

  it("trusts nothing in the consent callback: a forged 'admin_consent=True' changes no mode", async () => {
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
    const page = await getPage(`${world.baseUrl}/api/auth/microsoft/admin-consent?admin_consent=True&tenant=${TENANT_ID}`);
    expect(page.status).toBe(200);
    expect(messageOf(page)).toContain("has not made it effective yet");
    expect(await world.accounts.modeFor(TENANT_ID)).toBe("individual");
  });
});
