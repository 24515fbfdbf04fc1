/**
 * Tenant mode with a Webex service token: meetings are scheduled on behalf of the host with
 * `hostEmail`, which Webex allows only with admin scopes. Against the Webex emulator over HTTPS.
 */
import { z } from "zod";
import { SCOPES } from "../../../../sandbox/webex";
import type { RunningSandbox } from "../../../../sandbox";
import { WebexAccountsError } from "../../../src/accounts/webex";
import { WebexError } from "../../../src/webex/client";
import { findPersonByEmail } from "../../../src/webex/people";
import { AIKO, aiko, connectInBrowser, DANIEL_ADMIN, LARS, startFixture, startSandbox, type Fixture } from "./harness";

const CreatedMeeting = z.object({ id: z.string(), hostEmail: z.string() });

function meetingBody(hostEmail: string) {
  // A whole hour, a day ahead: inside Webex's "not in the past" and duration rules.
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000);
  return { title: "Design review", start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString(), hostEmail };
}

let sandbox: RunningSandbox;
let f: Fixture;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset(); // clears the emulator's tokens, so the service token is issued per test
  const serviceToken = sandbox.webex.issueToken(DANIEL_ADMIN, [SCOPES.adminSchedulesWrite, SCOPES.adminSchedulesRead, SCOPES.peopleRead]);
  f = await startFixture(sandbox, { WEBEX_SERVICE_TOKEN: serviceToken });
});
afterEach(() => f.close());

describe("tenant mode with a Webex service token", () => {
  it("gives every user access without a per-user connection", async () => {
    expect(await f.accounts.hasAccess(aiko, "tenant")).toBe(true);
    // The service token is the tenant admin's grant: an individual-mode tenant does not get it.
    expect(await f.accounts.hasAccess(aiko, "individual")).toBe(false);
  });

  it("schedules a meeting hosted by the user through hostEmail", async () => {
    const access = await f.accounts.accessFor(aiko, "tenant", AIKO);
    expect(access.via).toBe("service-token");
    expect(access.hostEmail).toBe(AIKO);

    const created = await access.client.request("POST", "/v1/meetings", CreatedMeeting, meetingBody(access.hostEmail!));
    expect(created.hostEmail).toBe(AIKO);
    expect(sandbox.webex.meetings.get(created.id)?.hostEmail).toBe(AIKO);
  });

  it("refuses to act for a host it was not told about", async () => {
    const error = await f.accounts.accessFor(aiko, "tenant").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexAccountsError);
    expect((error as WebexAccountsError).code).toBe("host-email-required");
  });

  it("looks people up with the service token", async () => {
    const directory = await f.accounts.directoryClientFor(aiko, "tenant");
    expect((await findPersonByEmail(directory, LARS))?.emails).toContain(LARS);
  });

  it("does not let a user's own token schedule for someone else: Webex answers 403", async () => {
    await connectInBrowser(f, aiko, AIKO);
    const own = await f.accounts.accessFor(aiko, "individual");
    expect(own.via).toBe("user-token");

    const error = await own.client.request("POST", "/v1/meetings", CreatedMeeting, meetingBody(LARS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexError);
    expect((error as WebexError).status).toBe(403);
    expect(sandbox.webex.meetings.list()).toEqual([]);
  });
});
