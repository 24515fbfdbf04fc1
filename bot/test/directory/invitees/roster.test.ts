// The roster paging loop and mapping, fed page by page as TeamsInfo.getPagedMembers returns them.
import { collectRoster, toRosterMembers } from "../../../src/directory/invitees";

const account = (n: number) => ({
  id: `29:user-${n}`,
  name: `User ${n}`,
  aadObjectId: `aad-${n}`,
  email: `user${n}@contoso.com`,
  userPrincipalName: `user${n}@contoso.com`,
  tenantId: "t",
  userRole: "user",
});

/** Pages of `size` from `total` accounts, the token being the next offset (as the sandbox connector does). */
function pager(total: number, size: number) {
  const tokens: (string | undefined)[] = [];
  const fetchPage = async (token: string | undefined) => {
    tokens.push(token);
    const start = Number(token ?? 0);
    const members = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => account(start + i));
    return start + size < total ? { members, continuationToken: String(start + size) } : { members };
  };
  return { fetchPage, tokens };
}

describe("collectRoster", () => {
  it("follows continuation tokens until the last page", async () => {
    const { fetchPage, tokens } = pager(7, 3);
    const roster = await collectRoster(fetchPage);
    expect(roster.complete).toBe(true);
    expect(roster.members.map((m) => m.id)).toEqual(Array.from({ length: 7 }, (_, i) => `29:user-${i}`));
    expect(tokens).toEqual([undefined, "3", "6"]);
  });

  it("stops at the cap and says the roster is incomplete", async () => {
    const { fetchPage, tokens } = pager(50, 10);
    const roster = await collectRoster(fetchPage, { maxMembers: 15 });
    expect(roster).toEqual({ members: expect.any(Array), complete: false });
    expect(roster.members).toHaveLength(15);
    expect(tokens).toEqual([undefined, "10"]);
  });

  it("does not loop forever when the service repeats a token, and lists each member once", async () => {
    let calls = 0;
    const roster = await collectRoster(async () => {
      calls += 1;
      return { members: [account(1), account(2)], continuationToken: "same" };
    });
    expect(calls).toBe(2);
    expect(roster.members.map((m) => m.id)).toEqual(["29:user-1", "29:user-2"]);
  });

  it("refuses a page that is not a roster page", async () => {
    await expect(collectRoster(async () => ({ value: [] }))).rejects.toThrow();
  });
});

describe("toRosterMembers", () => {
  it("keeps the fields invitees need and skips entries without an id", () => {
    expect(toRosterMembers([account(1), { name: "no id" }, { id: "28:bot", name: "Scheduler" }, { id: "29:guest", email: null, userPrincipalName: "g_fabrikam.com#EXT#@contoso.onmicrosoft.com" }])).toEqual([
      { id: "29:user-1", name: "User 1", email: "user1@contoso.com", aadObjectId: "aad-1", userPrincipalName: "user1@contoso.com" },
      { id: "28:bot", name: "Scheduler" },
      { id: "29:guest", name: "g_fabrikam.com#EXT#@contoso.onmicrosoft.com", userPrincipalName: "g_fabrikam.com#EXT#@contoso.onmicrosoft.com" },
    ]);
  });
});
