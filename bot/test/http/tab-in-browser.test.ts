/**
 * The README promise "the tab page loads in a browser", checked against the real bot service:
 * the same process that answers /api/messages serves the built tab under /tab/.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { startTestService } from "../support/service";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let service: Awaited<ReturnType<typeof startTestService>>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing — install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  service = await startTestService();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

it("opens the tab from the bot service in a browser and explains how to use it outside Teams", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const errors: Error[] = [];
  await context.route((url) => !url.href.startsWith(service.url), (route) => route.abort());
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e));
  const response = await page.goto(`${service.url}/tab/`);
  expect(response?.status()).toBe(200);
  await page.getByRole("heading", { name: "Open this tab in Microsoft Teams" }).waitFor({ timeout: 10_000 });
  expect(errors).toEqual([]);
  await context.close();
});

it("serves the privacy and terms pages the manifest links to", async () => {
  for (const path of ["/tab/privacy.html", "/tab/terms.html", "/tab/about.html"]) {
    const res = await fetch(`${service.url}${path}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Webex Scheduler");
  }
});
