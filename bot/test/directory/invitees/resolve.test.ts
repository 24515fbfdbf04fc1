// resolveInvitees over hand-written port fakes backed by the demo tenant.
import { resolveInvitees } from "../../../src/directory/invitees";
import { demo } from "./fakes";

const emails = (list: { email: string }[]): string[] => list.map((i) => i.email);

describe("names in tenant mode", () => {
  it("asks which Anna when two people share the name, ranked, with their departments", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Anna"], ports, ctxFor("lars.berg"));
    expect(result.invitees).toEqual([]);
    expect(result.unresolved).toEqual([
      {
        text: "Anna",
        reason: "ambiguous",
        candidates: [
          expect.objectContaining({ email: "anna.berg@contoso.se", displayName: "Anna Berg", department: "Sales", source: "directory", external: false }),
          expect.objectContaining({ email: "anna.lind@contoso.se", displayName: "Anna Lind", department: "Engineering", source: "directory", external: false }),
        ],
      },
    ]);
  });

  it("lists the Anna who is in this channel first", async () => {
    const { ports, ctxFor, roster } = demo();
    const result = await resolveInvitees(["anna"], ports, ctxFor("lars.berg", { roster }));
    expect(emails(result.unresolved[0]!.candidates!)).toEqual(["anna.lind@contoso.se", "anna.berg@contoso.se"]);
    expect(result.unresolved[0]!.candidates![0]!.source).toBe("channel");
  });

  it("invites Aiko by her first name, and Anna Berg by her full name, without asking", async () => {
    const { ports, ctxFor, user } = demo();
    const result = await resolveInvitees(["Aiko", "anna berg"], ports, ctxFor("lars.berg"));
    expect(result.unresolved).toEqual([]);
    expect(result.invitees).toEqual([
      { email: "aiko.tanaka@contoso.com", displayName: "Aiko Tanaka", source: "directory", aadObjectId: user("aiko.tanaka").id, external: false },
      { email: "anna.berg@contoso.se", displayName: "Anna Berg", source: "directory", aadObjectId: user("anna.berg").id, external: false },
    ]);
  });

  it("tells the user a name matches nobody, and never invites a disabled account", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Ingrid", "Zorro"], ports, ctxFor("lars.berg"));
    expect(result.invitees).toEqual([]);
    expect(result.unresolved).toEqual([
      { text: "Ingrid", reason: "not-found" },
      { text: "Zorro", reason: "not-found" },
    ]);
  });

  it("asks rather than guesses when the only hit is not on the name", async () => {
    const { ports, ctxFor, user } = demo();
    const { personOf } = await import("./fakes");
    ports.searchOverrides.set("product", [personOf(user("aiko.tanaka"))]);
    const result = await resolveInvitees(["product"], ports, ctxFor("lars.berg"));
    expect(result.unresolved).toEqual([{ text: "product", reason: "ambiguous", candidates: [expect.objectContaining({ email: "aiko.tanaka@contoso.com" })] }]);
  });

  it("looks each distinct name up once, and groups only when the name is nobody's", async () => {
    const { ports, ctxFor } = demo();
    await resolveInvitees(["Aiko", "Lars", "aiko", "Leadership"], ports, ctxFor("mia.holm"));
    expect(ports.count("searchPeople")).toBe(3);
    expect(ports.calls.filter((c) => c.op === "findGroupByName").map((c) => c.args[0])).toEqual(["Leadership"]);
    expect(ports.count("findContactFolderByName")).toBe(1);
  });

  it("naming yourself invites nobody and asks nothing", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Aiko"], ports, ctxFor("aiko.tanaka"));
    expect(result).toEqual({ invitees: [], unresolved: [], notices: [], suggestions: [] });
  });

  it("an organizer named Anna asking for Anna means the other Anna", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Anna"], ports, ctxFor("anna.berg"));
    expect(emails(result.invitees)).toEqual(["anna.lind@contoso.se"]);
  });
});

describe("typed e-mail addresses", () => {
  it("keeps a guest's address as typed and marks it external; a tenant address is internal", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Anna.K@Fabrikam.com", "Lasse Nyström <lasse.nystrom@contoso.se>"], ports, ctxFor("aiko.tanaka"));
    expect(result.invitees).toEqual([
      { email: "anna.k@fabrikam.com", source: "typed", external: true },
      { email: "lasse.nystrom@contoso.se", displayName: "Lasse Nyström", source: "typed", external: false },
    ]);
    expect(ports.calls).toEqual([]);
  });

  it("refuses malformed addresses as invalid e-mails", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["bob@@fabrikam.com", "lars@contoso", "x@fabrikam..com"], ports, ctxFor("aiko.tanaka"));
    expect(result.invitees).toEqual([]);
    expect(result.unresolved.map((u) => [u.text, u.reason])).toEqual([
      ["bob@@fabrikam.com", "invalid-email"],
      ["lars@contoso", "invalid-email"],
      ["x@fabrikam..com", "invalid-email"],
    ]);
  });

  it("lists a person once however they were named, keeping the first way", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["LARS.BERG@contoso.se", "Lars", "Leadership"], ports, ctxFor("aiko.tanaka"));
    const lars = result.invitees.filter((i) => i.email === "lars.berg@contoso.se");
    expect(lars).toEqual([expect.objectContaining({ source: "typed", displayName: "Lars Berg" })]);
  });
});

describe("the channel", () => {
  it("invites every channel member but the organizer, and suggests nobody more", async () => {
    const { ports, ctxFor, roster } = demo();
    const result = await resolveInvitees(["@channel"], ports, ctxFor("aiko.tanaka", { roster }));
    expect(result.invitees).toHaveLength(roster.length - 1);
    expect(emails(result.invitees)).not.toContain("aiko.tanaka@contoso.com");
    expect(result.invitees.every((i) => i.source === "channel")).toBe(true);
    expect(result.suggestions).toEqual([]);
    expect(ports.calls).toEqual([]);
  });

  it("suggests up to five channel members who are not invited yet", async () => {
    const { ports, ctxFor, roster } = demo();
    const result = await resolveInvitees(["Lars"], ports, ctxFor("aiko.tanaka", { roster }));
    expect(emails(result.suggestions)).toEqual(["mia.holm@contoso.se", "omar.haddad@contoso.com", "anna.lind@contoso.se", "laura.diaz@contoso.com", "kenji.sato@contoso.com"]);
    expect(result.suggestions.every((s) => s.source === "channel")).toBe(true);
  });

  it("in the tab in tenant mode, lists the team's group members when no roster was passed", async () => {
    const { ports, ctxFor, tenant } = demo();
    const result = await resolveInvitees(["@channel"], ports, ctxFor("aiko.tanaka", { teamGroupId: tenant.teams[0]!.id }));
    expect(result.invitees).toHaveLength(11);
    expect(ports.calls.map((c) => c.op)).toEqual(["groupMembers"]);
  });

  it("without a roster in individual mode, says the channel's members are not available", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["@channel"], ports, ctxFor("aiko.tanaka", { mode: "individual" }));
    expect(result.unresolved).toEqual([{ text: "@channel", reason: "not-permitted" }]);
    expect(result.notices).toEqual(["channel-members-unavailable"]);
  });
});

describe("groups and contact folders", () => {
  it("expands Leadership to its transitive members, the nested Engineering group's included, each once, organizer excluded", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Leadership", "Engineering"], ports, ctxFor("omar.haddad"));
    expect(emails(result.invitees).sort()).toEqual(
      ["sven.karlsson@contoso.se", "lars.berg@contoso.se", "grace.kim@contoso.com", "anna.lind@contoso.se", "elif.demir@contoso.com", "kenji.sato@contoso.com", "lucas.martin@contoso.com"].sort(),
    );
    expect(result.invitees.every((i) => i.source === "group")).toBe(true);
  });

  it("leaves a disabled member of a group out", async () => {
    const { ports, ctxFor, tenant, user } = demo();
    tenant.groups.find((g) => g.displayName === "Engineering")!.memberUserIds.push(user("ingrid.wallin").id);
    const result = await resolveInvitees(["Engineering"], ports, ctxFor("aiko.tanaka"));
    expect(emails(result.invitees)).not.toContain("ingrid.wallin@contoso.se");
    expect(result.invitees).toHaveLength(5);
  });

  it("invites the contacts of the organizer's Partners folder, as guests", async () => {
    const { ports, ctxFor, user } = demo();
    const result = await resolveInvitees(["partners"], ports, ctxFor("aiko.tanaka"));
    expect(result.invitees).toEqual([
      { email: "jun.park@fabrikam.com", displayName: "Jun Park", source: "contact-folder", external: true },
      { email: "marta.nowak@northwind.example", displayName: "Marta Nowak", source: "contact-folder", external: true },
    ]);
    expect(ports.calls.find((c) => c.op === "contactFolderContacts")!.args[0]).toEqual({ userId: user("aiko.tanaka").id });
  });

  it("says groups need an admin when the tenant did not grant them, and still resolves people", async () => {
    const { ports, ctxFor } = demo();
    ports.denied.add("findGroupByName").add("findContactFolderByName");
    const result = await resolveInvitees(["Leadership", "Aiko"], ports, ctxFor("lars.berg"));
    expect(result.notices).toEqual(["groups-need-admin"]);
    expect(result.unresolved).toEqual([{ text: "Leadership", reason: "not-permitted" }]);
    expect(emails(result.invitees)).toEqual(["aiko.tanaka@contoso.com"]);
  });
});

describe("individual mode (User.Read, Calendars.ReadWrite: no directory)", () => {
  it("never looks names up, says an admin can enable it, and still takes typed e-mails", async () => {
    const { ports, ctxFor } = demo();
    const result = await resolveInvitees(["Anna", "Leadership", "ravi.iyer@tailspin.example"], ports, ctxFor("aiko.tanaka", { mode: "individual" }));
    expect(ports.calls).toEqual([]);
    expect(result.unresolved).toEqual([
      { text: "Anna", reason: "not-permitted" },
      { text: "Leadership", reason: "not-permitted" },
    ]);
    expect(result.notices).toEqual(["directory-needs-admin"]);
    expect(result.invitees).toEqual([{ email: "ravi.iyer@tailspin.example", source: "typed", external: true }]);
  });

  it("resolves names of channel members from the roster, which needs no Graph permission", async () => {
    const { ports, ctxFor, roster } = demo();
    const result = await resolveInvitees(["Anna", "Kenji Sato", "Mehmet"], ports, ctxFor("aiko.tanaka", { mode: "individual", roster }));
    expect(ports.calls).toEqual([]);
    expect(result.invitees.map((i) => [i.email, i.source])).toEqual([
      ["anna.lind@contoso.se", "channel"],
      ["kenji.sato@contoso.com", "channel"],
    ]);
    expect(result.unresolved).toEqual([{ text: "Mehmet", reason: "not-permitted" }]);
    expect(result.notices).toEqual(["directory-needs-admin"]);
  });

  it("a tenant-mode token the admin stopped granting degrades the same way", async () => {
    const { ports, ctxFor, roster } = demo();
    ports.denied.add("searchPeople");
    const result = await resolveInvitees(["Lars", "Mehmet"], ports, ctxFor("aiko.tanaka", { roster }));
    expect(emails(result.invitees)).toEqual(["lars.berg@contoso.se"]);
    expect(result.unresolved).toEqual([{ text: "Mehmet", reason: "not-permitted" }]);
    expect(result.notices).toEqual(["directory-needs-admin"]);
  });
});
