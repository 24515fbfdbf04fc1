/**
 * The tab in a real browser (Debian chromium driven by playwright-core), both on its own
 * and inside tab/test/teams-host — a page that plays the Teams client over teams-js's
 * postMessage protocol. Needs the built tab: `npm run build:tab` (the test runner builds
 * before jest).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import type { AccountStatus } from "../../bot/src/accounts/types";
import { toTabMe } from "../../bot/src/http/routes/tab-api";
import { startStaticServer, type JsonRoute, type StaticServer } from "./static-server";

const TAB_DIST = path.resolve(__dirname, "..", "dist");
const HOST_DIR = path.resolve(__dirname, "teams-host");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Generous bound for "appears quickly"; the point is "not after teams-js's 60 s wait". */
const SOON_MS = 10_000;

interface HostMessage {
  func: string;
  args: unknown[];
}

/** SSO tokens the fake API accepts (the harness hands one to the tab with ?token=). */
const AIKO_TOKEN = "harness-sso-token-aiko";
const GRACE_TOKEN = "harness-sso-token-grace";
const TENANT_ID = "8c3dd6a1-7f1e-4b2a-9d55-5e0c7a1b2c3d";

/**
 * What GET /api/tab/me answers, built by the server's own mapping (bot/src/http/routes/tab-api.ts)
 * from an accounts status, so this fake cannot drift from the real response shape.
 */
function accountsFor(origin: string): Record<string, { status: AccountStatus; name: string; upn: string }> {
  return {
    [AIKO_TOKEN]: {
      name: "Aiko Tanaka",
      upn: "aiko.tanaka@contoso.com",
      status: {
        user: { tenantId: TENANT_ID, userId: "00000000-0000-4000-8000-000000000001", displayName: "Aiko Tanaka", userPrincipalName: "aiko.tanaka@contoso.com" },
        mode: "individual",
        steps: [{ kind: "webex-connect", url: `${origin}/api/auth/webex/start?session=aiko` }],
        match: { kind: "matched", address: "aiko.tanaka@contoso.com", source: "mail", webexPersonId: "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9haWtv", webexEmail: "aiko.tanaka@contoso.com" },
      },
    },
    [GRACE_TOKEN]: {
      name: "Grace Kim",
      upn: "grace.kim@contoso.com",
      status: {
        user: { tenantId: TENANT_ID, userId: "00000000-0000-4000-8000-000000000010" },
        mode: "individual",
        steps: [
          { kind: "microsoft-sign-in", url: `${origin}/api/auth/microsoft/start?session=grace` },
          { kind: "admin-consent-missing", adminConsentUrl: `${origin}/${TENANT_ID}/v2.0/adminconsent?client_id=app` },
        ],
      },
    },
  };
}

/** Requests the fake API saw: method, path and whether the token was one it accepts. */
let apiCalls: { method: string; path: string; token: string | undefined }[] = [];

function fakeTabApi(path: string, origin: () => string, handle: (token: string, method: string) => ReturnType<JsonRoute>): JsonRoute {
  return ({ method, headers }) => {
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1];
    apiCalls.push({ method, path, token });
    if (!token || !Object.hasOwn(accountsFor(origin()), token)) {
      return {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="webex-scheduler", error="invalid_token"' },
        body: { error: { code: "Unauthorized", message: "Your sign-in could not be verified. Sign in again, then retry." } },
      };
    }
    return handle(token, method);
  };
}

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
/** Uncaught exceptions in any page of the current test: a user would see a broken tab. */
let pageErrors: Error[];

beforeAll(async () => {
  if (!existsSync(path.join(TAB_DIST, "index.html"))) {
    throw new Error(`${path.join(TAB_DIST, "index.html")} is missing — run npm run build:tab first`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing — install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const origin = () => server.origin;
  server = await startStaticServer(
    { "/tab/": TAB_DIST, "/host/": HOST_DIR },
    {
      // The shape the bot's GET /healthz answers with (bot/src/http/server.ts).
      "/healthz": { status: "ok", mode: "sandbox", storage: "sqlite", version: "9.8.7" },
      "/api/tab/me": fakeTabApi("/api/tab/me", origin, (token, method) => {
        if (method !== "GET") return { status: 405, body: { error: { code: "MethodNotAllowed", message: "GET only" } } };
        const account = accountsFor(origin())[token]!;
        return { status: 200, body: toTabMe(account.status, { tenantId: TENANT_ID, userId: account.status.user.userId, upn: account.upn, name: account.name }) };
      }),
      "/api/tab/disconnect": fakeTabApi("/api/tab/disconnect", origin, (_token, method) =>
        method === "POST"
          ? { status: 200, body: { removedTokens: 2, removedSubscriptions: 1, removedLink: true } }
          : { status: 405, body: { error: { code: "MethodNotAllowed", message: "POST only" } } },
      ),
    },
  );
  // playwright gives every launch a fresh temporary profile (user-data dir).
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  apiCalls = [];
  context = await browser.newContext({ locale: "en-US" });
  pageErrors = [];
  context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(error)));
  // Hermetic: nothing leaves the loopback server (teams-js would fetch its CDN origin list).
  await context.route(
    (url) => !url.href.startsWith(server.origin),
    (route) => route.abort(),
  );
});

afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

function hostUrl(query: Record<string, string>): string {
  return `${server.origin}/host/host.html?${new URLSearchParams(query).toString()}`;
}

/** Opens the harness and returns the tab's frame once its document has loaded. */
async function openInHost(query: Record<string, string>): Promise<{ page: Page; tab: Frame }> {
  const page = await context.newPage();
  await page.goto(hostUrl(query));
  const element = await page.waitForSelector("#tab");
  await page.waitForFunction(() => {
    const frame = document.querySelector<HTMLIFrameElement>("#tab");
    return frame?.contentDocument?.readyState === "complete" && frame.contentWindow?.location.pathname === "/tab/index.html";
  });
  const tab = await element.contentFrame();
  if (!tab) throw new Error("the harness has no tab frame");
  return { page, tab };
}

function receivedMessages(page: Page): Promise<HostMessage[]> {
  return page.evaluate(() => (window as unknown as { teamsHost: { received: HostMessage[] } }).teamsHost.received);
}

/** The colour a user sees behind the middle of the frame (first non-transparent ancestor). */
function backgroundAtCentre(tab: Frame): Promise<string> {
  return tab.evaluate(() => {
    let element: Element | null = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
    while (element) {
      const colour = getComputedStyle(element).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
      element = element.parentElement;
    }
    return getComputedStyle(document.documentElement).backgroundColor;
  });
}

/** WCAG relative luminance of "rgb(r, g, b)": 0 is black, 1 is white. */
function luminance(colour: string): number {
  const channels = colour.match(/\d+(\.\d+)?/g)?.slice(0, 3).map(Number);
  if (!channels || channels.length !== 3) throw new Error(`not an rgb colour: ${colour}`);
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("the tab outside Teams", () => {
  test("opened directly in a browser, it says to open it in Teams", async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/tab/index.html#/personal`);
    await page.getByText("open it in Teams", { exact: false }).waitFor({ timeout: SOON_MS });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Open this tab in Microsoft Teams");
    expect(await page.getAttribute("html", "lang")).toBe("en");
  });

  test("framed by a page that never answers like Teams, it stops waiting and says to open it in Teams", async () => {
    const { page, tab } = await openInHost({ answer: "none", page: "#/personal" });
    // Without its own timeout teams-js would wait 60 s — longer than this test may run.
    await tab.getByText("open it in Teams", { exact: false }).waitFor({ timeout: 20_000 });
    const funcs = (await receivedMessages(page)).map((m) => m.func);
    expect(funcs).toContain("initialize");
  });
});

describe("the tab inside Teams", () => {
  test("in Teams' dark theme the page is dark, and a live switch to high contrast turns it black", async () => {
    const { page, tab } = await openInHost({ theme: "dark", locale: "en-US", frame: "content", page: "#/channel" });
    // The channel name comes from the context the host sent: getContext worked.
    await tab.getByRole("heading", { level: 1, name: "Webex meetings in General" }).waitFor({ timeout: SOON_MS });
    const dark = await backgroundAtCentre(tab);
    expect(luminance(dark)).toBeLessThan(0.05);

    await page.getByLabel("Theme").selectOption("contrast");
    await tab.waitForFunction(
      (before) => {
        let element: Element | null = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
        while (element && getComputedStyle(element).backgroundColor === "rgba(0, 0, 0, 0)") element = element.parentElement;
        return element !== null && getComputedStyle(element).backgroundColor !== before;
      },
      dark,
      { timeout: SOON_MS },
    );
    expect(await backgroundAtCentre(tab)).toBe("rgb(0, 0, 0)");
    // Still the same page: switching theme didn't reload or lose the content.
    expect(await tab.getByRole("heading", { level: 2, name: "Upcoming Webex meetings" }).isVisible()).toBe(true);
  });

  test("in Teams' default theme the page is light and shows the personal tab's regions and the service version", async () => {
    const { tab } = await openInHost({ theme: "default", locale: "en-US", page: "#/personal" });
    await tab.getByRole("heading", { level: 1, name: "Your Webex meetings" }).waitFor({ timeout: SOON_MS });
    expect(luminance(await backgroundAtCentre(tab))).toBeGreaterThan(0.9);
    expect(await tab.getByRole("main").isVisible()).toBe(true);
    expect(await tab.getByRole("region", { name: "Upcoming Webex meetings" }).isVisible()).toBe(true);
    expect(await tab.getByRole("region", { name: "Schedule" }).isVisible()).toBe(true);
    await tab.getByRole("contentinfo").getByText("Service version 9.8.7").waitFor({ timeout: SOON_MS });
  });

  test.each([
    ["sv-SE", "sv", "Dina Webex-möten", "Kommande Webex-möten"],
    ["ja-JP", "ja", "あなたの Webex 会議", "今後の Webex 会議"],
    ["tr-TR", "tr", "Webex toplantılarınız", "Yaklaşan Webex toplantıları"],
    ["fr-FR", "en", "Your Webex meetings", "Upcoming Webex meetings"],
  ])("a Teams client in %s sees the tab in language %s", async (locale, lang, h1, h2) => {
    const { tab } = await openInHost({ locale, page: "#/personal" });
    await tab.getByRole("heading", { level: 1, name: h1 }).waitFor({ timeout: SOON_MS });
    expect(await tab.getByRole("heading", { level: 2, name: h2 }).isVisible()).toBe(true);
    expect(await tab.getAttribute("html", "lang")).toBe(lang);
  });

  test("saving the channel tab's configuration stores a tab that opens the channel page", async () => {
    const { page, tab } = await openInHost({ frame: "settings", locale: "en-US", page: "#/config" });
    await tab.getByRole("heading", { level: 1, name: "Add Webex Scheduler to this channel" }).waitFor({ timeout: SOON_MS });
    await page.waitForFunction(() =>
      (window as unknown as { teamsHost: { received: HostMessage[] } }).teamsHost.received.some(
        (m) => m.func === "settings.setValidityState" && m.args[0] === true,
      ),
    );

    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(
      () =>
        (window as unknown as { teamsHost: { received: HostMessage[] } }).teamsHost.received.some(
          (m) => m.func === "settings.save.success",
        ),
      undefined,
      { timeout: SOON_MS },
    );

    const saved = (await receivedMessages(page)).find((m) => m.func === "settings.setSettings");
    expect(saved?.args[0]).toEqual({
      contentUrl: `${server.origin}/tab/index.html#/channel`,
      websiteUrl: `${server.origin}/tab/index.html#/channel`,
      entityId: "webex-scheduler-channel",
      suggestedDisplayName: "Webex meetings",
    });
  });

  test("added to a group chat, the configuration page talks about the chat", async () => {
    const { tab } = await openInHost({ frame: "settings", surface: "chat", locale: "en-US", page: "#/config" });
    await tab.getByRole("heading", { level: 1, name: "Add Webex Scheduler to this chat" }).waitFor({ timeout: SOON_MS });
  });
});

describe("the Your accounts panel", () => {
  test("shows the Microsoft identity, the mode, the matched Webex account and a Connect Webex step", async () => {
    const { tab } = await openInHost({ locale: "en-US", page: "#/personal", token: AIKO_TOKEN });
    const panel = tab.getByRole("region", { name: "Your accounts" });
    await panel.getByText("Aiko Tanaka").waitFor({ timeout: SOON_MS });
    expect(await panel.getByText("aiko.tanaka@contoso.com", { exact: true }).count()).toBe(2); // the UPN and the matched Webex account
    expect(await panel.getByText("Just for you (you approve the app yourself)").isVisible()).toBe(true);
    const connect = panel.getByText("Connect Webex", { exact: true });
    expect(await connect.isVisible()).toBe(true);
    expect(await connect.evaluate((el) => el.closest("a")?.getAttribute("href"))).toBe(`${server.origin}/api/auth/webex/start?session=aiko`);
    expect(await connect.evaluate((el) => el.closest("a")?.getAttribute("target"))).toBe("_blank");
    // The token the harness's getAuthToken returned went to the API as a bearer token.
    expect(apiCalls).toContainEqual({ method: "GET", path: "/api/tab/me", token: AIKO_TOKEN });
  });

  test("a Swedish Teams client sees the panel in Swedish, on the channel page too", async () => {
    const { tab } = await openInHost({ locale: "sv-SE", page: "#/channel", token: AIKO_TOKEN });
    const panel = tab.getByRole("region", { name: "Dina konton" });
    await panel.getByText("Aiko Tanaka").waitFor({ timeout: SOON_MS });
    expect(await panel.getByText("Anslut Webex", { exact: true }).isVisible()).toBe(true);
    expect(await panel.getByText("Bara för dig (du godkänner appen själv)").isVisible()).toBe(true);
    expect(await panel.getByRole("heading", { level: 3, name: "Nästa steg" }).isVisible()).toBe(true);
  });

  test("someone whose admin has not consented sees Sign in with Microsoft and the admin consent link", async () => {
    const { tab } = await openInHost({ locale: "en-US", page: "#/personal", token: GRACE_TOKEN });
    const panel = tab.getByRole("region", { name: "Your accounts" });
    await panel.getByText("Sign in with Microsoft", { exact: true }).waitFor({ timeout: SOON_MS });
    // No directory details yet: the name comes from the verified token.
    expect(await panel.getByText("Grace Kim").isVisible()).toBe(true);
    expect(await panel.getByText("Ask them to open the admin consent page", { exact: false }).isVisible()).toBe(true);
    const consent = panel.getByText("Admin consent page", { exact: true });
    expect(await consent.evaluate((el) => el.closest("a")?.getAttribute("href"))).toBe(`${server.origin}/${TENANT_ID}/v2.0/adminconsent?client_id=app`);
    expect(await panel.getByText("Not connected yet").isVisible()).toBe(true);
  });

  test("when Teams has no SSO token, the panel asks to sign in again and retries when asked", async () => {
    const { page, tab } = await openInHost({ locale: "en-US", page: "#/personal" });
    const panel = tab.getByRole("region", { name: "Your accounts" });
    await panel.getByRole("button", { name: "Sign in again" }).waitFor({ timeout: SOON_MS });
    expect(await panel.getByText("Your sign-in couldn't be verified").isVisible()).toBe(true);
    const asked = async () => (await receivedMessages(page)).filter((m) => m.func === "authentication.getAuthToken").length;
    const before = await asked();
    await panel.getByRole("button", { name: "Sign in again" }).click();
    await page.waitForFunction(
      (n) => (window as unknown as { teamsHost: { received: HostMessage[] } }).teamsHost.received.filter((m) => m.func === "authentication.getAuthToken").length > n,
      before,
      { timeout: SOON_MS },
    );
  });

  test("when the server refuses the token (401), the panel asks to sign in again", async () => {
    const { tab } = await openInHost({ locale: "en-US", page: "#/personal", token: "an-expired-or-forged-token" });
    const panel = tab.getByRole("region", { name: "Your accounts" });
    await panel.getByRole("button", { name: "Sign in again" }).waitFor({ timeout: SOON_MS });
    expect(apiCalls).toContainEqual({ method: "GET", path: "/api/tab/me", token: "an-expired-or-forged-token" });
  });

  test("Disconnect asks for confirmation first; Cancel does nothing, confirming disconnects", async () => {
    const { tab } = await openInHost({ locale: "en-US", page: "#/personal", token: AIKO_TOKEN });
    const panel = tab.getByRole("region", { name: "Your accounts" });
    await panel.getByText("Aiko Tanaka").waitFor({ timeout: SOON_MS });

    await panel.getByRole("button", { name: "Disconnect" }).click();
    const dialog = tab.getByRole("alertdialog", { name: "Disconnect your accounts?" });
    await dialog.waitFor({ timeout: SOON_MS });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden", timeout: SOON_MS });
    expect(apiCalls.filter((c) => c.path === "/api/tab/disconnect")).toEqual([]);

    await panel.getByRole("button", { name: "Disconnect" }).click();
    await dialog.getByRole("button", { name: "Disconnect" }).click();
    await panel.getByText("Disconnected. Connect again whenever you like.").waitFor({ timeout: SOON_MS });
    expect(apiCalls.filter((c) => c.path === "/api/tab/disconnect")).toEqual([{ method: "POST", path: "/api/tab/disconnect", token: AIKO_TOKEN }]);
  });
});
