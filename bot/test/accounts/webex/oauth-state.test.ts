/**
 * The single-use OAuth state on the real SQLite key/value table: one redemption per link, even
 * when two callbacks race, and no redemption after ten minutes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOAuthStates, type OAuthStates } from "../../../src/accounts/webex/oauth-state";
import { openStore } from "../../../src/store/open-store";
import type { Store } from "../../../src/store/types";
import { TestClock } from "../../store/harness";
import { databaseText } from "./harness";

let dir: string;
let store: Store;
let clock: TestClock;
let states: OAuthStates;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "webex-oauth-state-"));
  clock = new TestClock();
  store = await openStore({ sqlitePath: join(dir, "store.sqlite"), now: clock.now });
  states = createOAuthStates(store.keyValues, clock.now);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const pending = { tenantId: "contoso-tenant", userId: "aiko-object-id", locale: "ja-JP" };

describe("Webex connect-link state", () => {
  it("stands for the user who asked for the link until it is used, then for no one", async () => {
    const state = await states.create(pending);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await states.peek(state)).toEqual(pending);
    expect(await states.consume(state)).toEqual(pending);
    expect(await states.consume(state)).toBeUndefined();
    expect(await states.peek(state)).toBeUndefined();
  });

  it("lets exactly one of several simultaneous redemptions through", async () => {
    const state = await states.create(pending);
    const results = await Promise.all([states.consume(state), states.consume(state), states.consume(state)]);
    expect(results.filter((r) => r !== undefined)).toEqual([pending]);
  });

  it("expires after ten minutes", async () => {
    const state = await states.create(pending);
    clock.advance(10 * 60 * 1000);
    expect(await states.consume(state)).toBeUndefined();
  });

  it("keeps only a hash of the state in the database", async () => {
    const state = await states.create(pending);
    const rows = databaseText(join(dir, "store.sqlite"));
    expect(rows).toContain("aiko-object-id");
    expect(rows).not.toContain(state);
  });
});
