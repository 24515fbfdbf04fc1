/**
 * Individual-mode sign-in end to end at the HTTP level: our start route, the identity
 * emulator's account picker and consent page driven with plain fetch, our callback, the
 * encrypted token row, and Graph `/me` with the delegated token.
 */
import { startSandbox, type RunningSandbox } from "../../../../sandbox";
import { getPage, parseHtmlForm, submitForm } from "../../../../sandbox/identity/test/helpers";
import { TENANT_ID, userByLocal } from "../../../../sandbox/tenant";
import type { UserRef } from "../../../src/accounts/types";
import { getUser } from "../../../src/graph/directory";
import { ReauthenticationRequiredError } from "../../../src/identity/token-manager";
import { linkOf, messageOf, signInInBrowser, startWorld, type World } from "./harness";

let sandbox: RunningSandbox;
let world: World;
let lars: UserRef;

beforeAll(async () => {
  sandbox = await startSandbox({ adminConsent: false });
});
afterAll(() => sandbox?.close());
beforeEach(async () => {
  sandbox.reset();
  world = await startWorld(sandbox);
  lars = { tenantId: TENANT_ID, userId: userByLocal(sandbox.tenant, "lars.berg").id };
});
afterEach(() => world.close());

describe("individual sign-in", () => {
  it("follows the redirects from the sign-in link through Entra's pages back to a 'signed in' page", async () => {
    const link = await world.accounts.signInUrl(lars, "en-US");
    expect(link.startsWith(`${world.baseUrl}/api/auth/microsoft/start?state=`)).toBe(true);
    const trail = await signInInBrowser(sandbox, link, lars.userId);

    expect(trail.steps[0]).toMatchObject({ status: 302 });
    const authorize = new URL(trail.steps[1]!.url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.urls.identity}/${TENANT_ID}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("prompt")).toBe("select_account");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${world.baseUrl}/api/auth/microsoft/callback`);
    expect(authorize.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "profile", "offline_access", "User.Read", "Calendars.ReadWrite"]));
    expect(trail.steps.at(-1)!.url.startsWith(`${world.baseUrl}/api/auth/microsoft/callback?`)).toBe(true);
    expect(trail.final.status).toBe(200);
    expect(messageOf(trail.final)).toBe("You're signed in. Return to Teams.");
    expect(await world.accounts.isSignedIn(lars)).toBe(true);
  });

  it("then reads the user's own profile through /me with the delegated token", async () => {
    await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), lars.userId);
    const access = await world.accounts.graphFor(lars);
    expect(access).toMatchObject({ mode: "individual", self: "me" });
    const me = await getUser(access.client, access.self);
    expect(me).toMatchObject({ id: lars.userId, displayName: "Lars Berg", mail: "lars.berg@contoso.se" });
  });

  it("stores the tokens encrypted: the row's bytes contain neither the access nor the refresh token", async () => {
    await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), lars.userId);
    const tokens = await world.vault.get(lars, "graph-user");
    expect(tokens?.refreshToken).toBeTruthy();
    expect(tokens?.scopes).toEqual(expect.arrayContaining(["User.Read", "Calendars.ReadWrite"]));
    const row = await world.store.tokens.get("graph-user", lars);
    expect(row).toBeDefined();
    expect(row!.ciphertext.includes(Buffer.from(tokens!.accessToken))).toBe(false);
    expect(row!.ciphertext.includes(Buffer.from(tokens!.refreshToken!))).toBe(false);
  });

  it("speaks the language the user asked in", async () => {
    const trail = await signInInBrowser(sandbox, await world.accounts.signInUrl(lars, "sv-SE"), lars.userId);
    expect(messageOf(trail.final)).toBe("Du är inloggad. Gå tillbaka till Teams.");
    expect(trail.final.html).toContain('<html lang="sv">');
  });

  it("without a sign-in, graphFor asks for one", async () => {
    expect(await world.accounts.isSignedIn(lars)).toBe(false);
    await expect(world.accounts.graphFor(lars)).rejects.toBeInstanceOf(ReauthenticationRequiredError);
  });

  it("signing out forgets the tokens", async () => {
    await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), lars.userId);
    await world.accounts.signOut(lars);
    expect(await world.accounts.isSignedIn(lars)).toBe(false);
    expect(await world.store.tokens.get("graph-user", lars)).toBeUndefined();
  });
});

describe("the sign-in link belongs to the user who asked", () => {
  it("refuses a sign-in as another account and stores nothing for either", async () => {
    const mia = userByLocal(sandbox.tenant, "mia.holm");
    const trail = await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), mia.id);
    expect(trail.final.status).toBe(403);
    expect(messageOf(trail.final)).toBe(
      "You signed in as mia.holm@contoso.se, but the request came from another account — sign in with the account you use in Teams.",
    );
    expect(await world.store.tokens.get("graph-user", lars)).toBeUndefined();
    expect(await world.store.tokens.get("graph-user", { tenantId: TENANT_ID, userId: mia.id })).toBeUndefined();
    // The page offers a fresh link for the right person.
    const retry = linkOf(trail.final)!;
    expect((await signInInBrowser(sandbox, retry, lars.userId)).final.status).toBe(200);
  });

  it("refuses a replayed callback", async () => {
    const trail = await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), lars.userId);
    const callback = trail.steps.at(-1)!.url;
    const replay = await getPage(callback);
    expect(replay.status).toBe(400);
    expect(messageOf(replay)).toBe("This sign-in link has expired or has already been used. Start again from Teams.");
  });

  it("lets only one of two simultaneous callbacks with the same state through", async () => {
    const link = await world.accounts.signInUrl(lars);
    const authorize = (await getPage(link)).location!;
    const { location } = await signInViaAuthorize(authorize);
    const statuses = (await Promise.all([getPage(location), getPage(location)])).map((p) => p.status).sort();
    expect(statuses).toEqual([200, 400]);
  });

  it("refuses a used, unknown or expired link at the start", async () => {
    const link = await world.accounts.signInUrl(lars);
    await signInInBrowser(sandbox, link, lars.userId);
    expect((await getPage(link)).status).toBe(400);
    expect((await getPage(`${world.baseUrl}/api/auth/microsoft/start?state=made-up`)).status).toBe(400);
    expect((await getPage(`${world.baseUrl}/api/auth/microsoft/start`)).status).toBe(400);
    const stale = await world.accounts.signInUrl(lars);
    world.clock.advance(11 * 60 * 1000);
    expect((await getPage(stale)).status).toBe(400);
  });
});

describe("consent declined", () => {
  it("explains on the callback page that the permissions were not granted, with a link to try again", async () => {
    const trail = await signInInBrowser(sandbox, await world.accounts.signInUrl(lars), lars.userId, "cancel");
    expect(trail.final.status).toBe(200);
    expect(messageOf(trail.final)).toBe("You didn't grant the permissions, so the app can't reach your calendar. You can try again whenever you like.");
    expect(linkOf(trail.final)).toMatch(new RegExp(`^${world.baseUrl}/api/auth/microsoft/start\\?state=`));
    expect(await world.accounts.isSignedIn(lars)).toBe(false);
  });
});

/** The identity emulator's pages from an authorize URL to the redirect back to us (as Lars). */
async function signInViaAuthorize(authorize: string): Promise<{ location: string }> {
  let page = await getPage(authorize);
  page = await submitForm(sandbox.urls.identity, parseHtmlForm(page.html), { user_id: lars.userId });
  if (page.status === 200) page = await submitForm(sandbox.urls.identity, parseHtmlForm(page.html), { decision: "accept" });
  if (page.status !== 302 || !page.location) throw new Error(`expected a redirect back, got ${page.status}`);
  return { location: page.location };
}
