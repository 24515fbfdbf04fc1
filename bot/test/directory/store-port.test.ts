// The AccountLinks port is shaped so that the store's account repository serves it unchanged.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LINK_MATCH_SOURCES, matchUser, type AccountLinks, type StoredAccountLink } from "../../src/directory";
import { ACCOUNT_MATCH_SOURCES, openStore, type AccountLink, type AccountLinkRepo, type Store } from "../../src/store";
import { demo } from "./fakes";

// Compile-time: tsc fails here if the port and the store drift apart.
const repoFitsPort = (repo: AccountLinkRepo): AccountLinks => repo;
const linkFitsStore = (link: StoredAccountLink): AccountLink => link;
const storeFitsLink = (link: AccountLink): StoredAccountLink => link;
void [repoFitsPort, linkFitsStore, storeFitsLink];

describe("storing matches in the real store", () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "directory-store-"));
    store = await openStore({ sqlitePath: join(dir, "store.sqlite") });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("records how a link was made in the store's own vocabulary", () => {
    expect([...LINK_MATCH_SOURCES]).toEqual([...ACCOUNT_MATCH_SOURCES]);
  });

  it("keeps a link in SQLite and reuses it on the next match without asking Webex", async () => {
    const { deps, webex, who, tenant, person } = demo();
    const withStore = { ...deps, links: store.accounts };

    const first = await matchUser(withStore, who("lasse.nystrom"));
    const stored = await store.accounts.get(tenant.id, person("lasse.nystrom").id);
    const second = await matchUser(withStore, who("lasse.nystrom"));

    expect(first).toMatchObject({ kind: "matched", link: "created" });
    expect(stored).toMatchObject({ matchedAddress: "lars.nystrom@contoso.se", matchedBy: "alias", upn: "lasse.nystrom@contoso.se" });
    expect(second).toMatchObject({ kind: "matched", address: "lars.nystrom@contoso.se", source: "alias", link: "kept" });
    expect(webex.lookups).toEqual(["lasse.nystrom@contoso.se", "lars.nystrom@contoso.se"]);
  });
});
