/**
 * connect / whoami / disconnect as a Teams user experiences them, end to end: the bot over HTTP,
 * the sandbox's Entra ID, Graph and Webex over HTTPS, the real store.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTenant, userByLocal, type Tenant } from "../../../sandbox/tenant";
import { signInWithMicrosoft, connectWebex } from "../support/browser-flows";
import { cardLinks, cardText, startBotHarness, type BotHarness } from "../support/bot-harness";

describe("tenant mode (an admin consented; a Webex service token schedules for hosts)", () => {
  let h: BotHarness;
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = createTenant();
    // Someone whose only address is in a domain the organization has not verified.
    tenant.users.push({
      ...userByLocal(tenant, "oliver.smith"),
      id: "00000000-0000-4000-8000-0000000000ff",
      displayName: "Fay Guest",
      givenName: "Fay",
      surname: "Guest",
      userPrincipalName: "fay.guest@fabrikam.com",
      mail: "fay.guest@fabrikam.com",
      proxyAddresses: ["SMTP:fay.guest@fabrikam.com"],
      webexEmail: "fay.guest@fabrikam.com",
    });
    h = await startBotHarness({ tenant });
  });
  afterAll(() => h?.close());

  it("whoami: a matched user is set straight away, matched by primary e-mail", async () => {
    const [reply] = await h.say("whoami", { from: "aiko.tanaka" });
    const text = cardText(reply!);
    expect(text).toContain("You're set — Webex account aiko.tanaka@contoso.com.");
    expect(text).toContain("Approved for your whole organization by an admin");
    expect(text).toContain("Aiko Tanaka (aiko.tanaka@contoso.com)");
    const link = await h.service.store.accounts.get(tenant.id, userByLocal(tenant, "aiko.tanaka").id);
    expect(link).toMatchObject({ webexEmail: "aiko.tanaka@contoso.com", matchedBy: "mail" });
  });

  it("answers a ready user's status from the store, without calling Graph or Webex", async () => {
    await h.say("whoami", { from: "aiko.tanaka" });
    const graphBefore = h.sandbox.graph.state.requests.total();
    const webexBefore = h.sandbox.webex.requests.total();
    const status = await h.service.accounts!.service.quickStatus({ tenantId: tenant.id, userId: userByLocal(tenant, "aiko.tanaka").id });
    expect(status.steps).toEqual([]);
    expect(status.match).toMatchObject({ kind: "matched", webexEmail: "aiko.tanaka@contoso.com" });
    expect(status.webex).toEqual({ via: "service-token", email: "aiko.tanaka@contoso.com" });
    expect(h.sandbox.graph.state.requests.total()).toBe(graphBefore);
    expect(h.sandbox.webex.requests.total()).toBe(webexBefore);
  });

  it("help tells a connected user they are set, instead of asking them to connect", async () => {
    await h.say("whoami", { from: "omar.haddad" });
    const text = cardText((await h.say("help", { from: "omar.haddad" }))[0]!);
    expect(text).toContain("You're set — Webex account omar.haddad@contoso.com.");
    expect(text).not.toContain("First time here?");
    // Someone never seen before still gets the Connect step.
    expect(cardText((await h.say("help", { from: "priya.shah" }))[0]!)).toContain("First time here? Connect your Webex account.");
  });

  it("matches someone known to Webex only by an alias in proxyAddresses", async () => {
    const [reply] = await h.say("whoami", { from: "lasse.nystrom" });
    expect(cardText(reply!)).toContain("lars.nystrom@contoso.se (matched by an alias address)");
  });

  it("explains, in the user's language, when Webex has no account for any of their addresses", async () => {
    const [reply] = await h.say("vem är jag", { from: "tom.baker", locale: "sv-SE" });
    const text = cardText(reply!);
    expect(text).toContain("Inget Webex-konto hittades för tom.baker@contoso.com");
    expect(text).not.toContain("Klart —");
  });

  it("refuses to match an address outside the organization's verified domains, and says which domains count", async () => {
    const [reply] = await h.say("whoami", { from: "fay.guest" });
    const text = cardText(reply!);
    expect(text).toContain("fay.guest@fabrikam.com");
    expect(text).toContain("contoso.com, contoso.se");
    expect(await h.service.store.accounts.get(tenant.id, "00000000-0000-4000-8000-0000000000ff")).toBeUndefined();
  });

  it("disconnect removes the link and the user's calendar subscription, at Graph and in the store", async () => {
    const aiko = userByLocal(tenant, "aiko.tanaka");
    await h.say("whoami", { from: "aiko.tanaka" });
    // A webhook receiver that passes Graph's validation handshake.
    const receiver: Server = createServer((req, res) => {
      const token = new URL(req.url ?? "/", "http://x").searchParams.get("validationToken");
      res.writeHead(token ? 200 : 202, { "content-type": "text/plain" });
      res.end(token ?? "");
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const graph = await h.service.accounts!.microsoft.graphFor({ tenantId: tenant.id, userId: aiko.id });
      const created = (await graph.client.api("/subscriptions").post({
        changeType: "created,updated,deleted",
        notificationUrl: `http://localhost:${(receiver.address() as AddressInfo).port}/api/notify`,
        resource: `/users/${aiko.id}/events`,
        expirationDateTime: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
        clientState: "secret-client-state",
      })) as { id: string; expirationDateTime: string };
      await h.service.store.subscriptions.upsert({
        id: created.id,
        tenantId: tenant.id,
        userId: aiko.id,
        resource: `/users/${aiko.id}/events`,
        changeType: "created,updated,deleted",
        clientStateHash: createHash("sha256").update("secret-client-state").digest("hex"),
        expiresAt: new Date(created.expirationDateTime),
        state: "active",
      });
      expect(h.sandbox.graph.state.subscriptions().map((x) => x.id)).toContain(created.id);

      const done = await h.invoke("disconnect.confirm", {}, { from: "aiko.tanaka" });
      expect(JSON.stringify(done.body)).toContain("1 calendar subscriptions");
      expect(h.sandbox.graph.state.subscriptions().map((x) => x.id)).not.toContain(created.id);
      expect(await h.service.store.subscriptions.listForUser(tenant.id, aiko.id)).toEqual([]);
      expect(await h.service.store.accounts.get(tenant.id, aiko.id)).toBeUndefined();
    } finally {
      receiver.close();
    }
  });

  it("asks for the admin consent link when the admin's consent was withdrawn", async () => {
    h.sandbox.identity.revokeAdminConsent(h.sandbox.credentials.app.clientId);
    try {
      await h.service.accounts!.microsoft.invalidateMode(tenant.id);
      const [reply] = await h.say("connect", { from: "mia.holm" });
      // Without consent the tenant falls back to individual mode: Mia signs in herself.
      expect(cardText(reply!)).toContain("Just you (each person signs in for themselves)");
      expect(Object.keys(cardLinks(reply!))).toContain("Sign in with Microsoft");
    } finally {
      h.sandbox.identity.grantAdminConsent(h.sandbox.credentials.app.clientId);
      await h.service.accounts!.microsoft.invalidateMode(tenant.id);
    }
  });
});

describe("individual mode (no admin consent, no service token)", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ adminConsent: false, webexServiceToken: false }, { WEBEX_SERVICE_TOKEN: "" });
  });
  afterAll(() => h?.close());

  it("walks a user through Microsoft sign-in and Webex connect, then shows the match; disconnect forgets everything", async () => {
    const tenant = h.sandbox.tenant;
    const lars = userByLocal(tenant, "lars.berg");
    const [first] = await h.say("connect", { from: "lars.berg" });
    const links = cardLinks(first!);
    expect(Object.keys(links)).toEqual(["Sign in with Microsoft", "Connect Webex"]);

    const signedIn = await signInWithMicrosoft(h.sandbox.urls.identity, links["Sign in with Microsoft"]!, "lars.berg@contoso.se");
    expect(signedIn.status).toBe(200);
    const connected = await connectWebex(links["Connect Webex"]!, "lars.berg@contoso.se");
    expect(connected.status).toBe(200);

    const [after] = await h.say("whoami", { from: "lars.berg" });
    const text = cardText(after!);
    expect(text).toContain("You're set — Webex account lars.berg@contoso.se.");
    expect(text).toContain("Meetings are scheduled with your own Webex account.");

    const confirm = await h.say("disconnect", { from: "lars.berg" });
    expect(cardText(confirm[0]!)).toContain("Disconnect?");
    const done = await h.invoke("disconnect.confirm", {}, { from: "lars.berg" });
    expect(done.status).toBe(200);
    expect(JSON.stringify(done.body)).toContain("Disconnected. I removed 2 sign-ins");
    expect(await h.service.store.accounts.get(tenant.id, lars.id)).toBeUndefined();
    expect(await h.service.store.tokens.get("graph-user", { tenantId: tenant.id, userId: lars.id })).toBeUndefined();
    expect(await h.service.store.tokens.get("webex-user", { tenantId: tenant.id, userId: lars.id })).toBeUndefined();

    const [again] = await h.say("whoami", { from: "lars.berg" });
    expect(Object.keys(cardLinks(again!))).toEqual(["Sign in with Microsoft", "Connect Webex"]);
  });

  it("\"Keep it\" changes nothing", async () => {
    const kept = await h.invoke("disconnect.keep", {}, { from: "mia.holm" });
    expect(JSON.stringify(kept.body)).toContain("Nothing changed");
  });
});
