import { userByLocal } from "../../tenant";
import { example, missingKeys, startHarness, type Harness } from "./harness";

const NOW = new Date("2026-03-02T00:00:00Z");
let h: Harness;
let app: string;
beforeAll(async () => {
  h = await startHarness({ clock: () => NOW });
  app = await h.appToken(["User.Read.All", "Directory.Read.All", "Group.Read.All", "Contacts.Read", "Calendars.ReadWrite"]);
});
afterAll(() => h.close());

const names = (value: { displayName: string }[]): string[] => value.map((x) => x.displayName).sort();

describe("groups", () => {
  test("lists groups in the published shape, with $filter and $search", async () => {
    const all = await h.call("/v1.0/groups", { token: app });
    expect(all.status).toBe(200);
    const sample = (example("groups-list.response.json") as { value: Record<string, unknown>[] }).value[0]!;
    expect(missingKeys(sample, all.json.value[0])).toEqual([]);
    const unified = await h.call(`/v1.0/groups?$filter=${encodeURIComponent("groupTypes/any(c:c eq 'Unified')")}`, { token: app });
    expect(names(unified.json.value)).toEqual(["Product Launch", "Stockholm Office"]);
    const starts = await h.call(`/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'eng')")}`, { token: app });
    expect(names(starts.json.value)).toEqual(["Engineering"]);
    const search = await h.call(`/v1.0/groups?$search=${encodeURIComponent('"displayName:lead"')}`, { token: app, headers: { ConsistencyLevel: "eventual" } });
    expect(names(search.json.value)).toEqual(["Leadership"]);
    expect((await h.call(`/v1.0/groups?$search=${encodeURIComponent('"displayName:lead"')}`, { token: app })).status).toBe(400);
  });

  test("members carry @odata.type; transitiveMembers expands nested groups", async () => {
    const leadership = h.tenant.groups.find((g) => g.displayName === "Leadership")!;
    const direct = await h.call(`/v1.0/groups/${leadership.id}/members`, { token: app });
    expect(direct.status).toBe(200);
    expect(direct.json.value.every((m: Record<string, unknown>) => typeof m["@odata.type"] === "string")).toBe(true);
    expect(direct.json.value.filter((m: Record<string, string>) => m["@odata.type"] === "#microsoft.graph.group").map((g: { displayName: string }) => g.displayName)).toEqual(["Engineering"]);
    expect(direct.json.value).toHaveLength(4);
    const transitive = await h.call(`/v1.0/groups/${leadership.id}/transitiveMembers?$select=displayName,mail`, { token: app });
    const users = transitive.json.value.filter((m: Record<string, string>) => m["@odata.type"] === "#microsoft.graph.user");
    expect(users).toHaveLength(8); // 3 leaders + 5 engineers
    const sample = (example("group-transitivemembers-list.response.json") as { value: Record<string, unknown>[] }).value[0]!;
    expect(missingKeys(sample, users[0])).toEqual([]);
  });

  test("group reads need a group permission; unknown groups are 404", async () => {
    const token = await h.appToken(["User.Read.All"]);
    expect((await h.call("/v1.0/groups", { token })).status).toBe(403);
    expect((await h.call("/v1.0/groups/10000000-0000-4000-8000-0000000000ff/members", { token: app })).status).toBe(404);
  });

  test("team members are available to a token that holds TeamMember.Read.All, in conversationMember shape", async () => {
    const token = await h.appToken(["TeamMember.Read.All", "ChannelMember.Read.All"]);
    const team = h.tenant.teams[0]!;
    const r = await h.call(`/v1.0/teams/${team.id}/members`, { token });
    expect(r.status).toBe(200);
    const sample = (example("team-members-list.response.json") as { value: Record<string, unknown>[] }).value[0]!;
    expect(missingKeys(sample, r.json.value[0])).toEqual([]);
    const priv = team.channels.find((c) => c.membershipType === "private")!;
    const c = await h.call(`/v1.0/teams/${team.id}/channels/${encodeURIComponent(priv.id)}/members`, { token });
    expect(c.json.value).toHaveLength(3);
  });
});

describe("contacts", () => {
  test("/contacts lists the default folder; folders and their contacts are separate", async () => {
    const aiko = userByLocal(h.tenant, "aiko.tanaka").id;
    const contacts = await h.call(`/v1.0/users/${aiko}/contacts`, { token: app });
    expect(contacts.status).toBe(200);
    expect(names(contacts.json.value)).toEqual(["Anna Kovács"]);
    const sample = (example("contacts-list.response.json") as { value: Record<string, unknown>[] }).value[0]!;
    expect(missingKeys(sample, contacts.json.value[0])).toEqual([]);
    const folders = await h.call(`/v1.0/users/${aiko}/contactFolders`, { token: app });
    expect(names(folders.json.value)).toEqual(["Customers", "Partners"]);
    expect(missingKeys((example("contactfolders-list.response.json") as { value: Record<string, unknown>[] }).value[0]!, folders.json.value[0])).toEqual([]);
    const partners = folders.json.value.find((f: { displayName: string }) => f.displayName === "Partners");
    const inFolder = await h.call(`/v1.0/users/${aiko}/contactFolders/${partners.id}/contacts?$select=displayName,emailAddresses`, { token: app });
    expect(names(inFolder.json.value)).toEqual(["Jun Park", "Marta Nowak"]);
    expect(inFolder.json.value[0].emailAddresses[0].address).toMatch(/@/);
  });

  test("contacts need Contacts.Read, and delegated tokens reach only their own", async () => {
    const aiko = userByLocal(h.tenant, "aiko.tanaka").id;
    const noContacts = await h.appToken(["User.Read.All"]);
    expect((await h.call(`/v1.0/users/${aiko}/contacts`, { token: noContacts })).status).toBe(403);
    const lars = await h.userToken("lars.berg", "Contacts.Read");
    expect((await h.call(`/v1.0/users/${aiko}/contacts`, { token: lars })).status).toBe(403);
    expect((await h.call("/v1.0/me/contactFolders", { token: lars })).json.value.map((f: { displayName: string }) => f.displayName)).toEqual(["Leverantörer"]);
  });
});

describe("getSchedule", () => {
  test("returns free/busy per address in the published shape, in the Prefer zone", async () => {
    const lars = userByLocal(h.tenant, "lars.berg");
    const body = {
      schedules: ["lars.berg@contoso.se", "someone@fabrikam.com"],
      startTime: { dateTime: "2026-03-05T08:00:00", timeZone: "W. Europe Standard Time" },
      endTime: { dateTime: "2026-03-05T12:00:00", timeZone: "W. Europe Standard Time" },
      availabilityViewInterval: 60,
    };
    const r = await h.call(`/v1.0/users/${lars.id}/calendar/getSchedule`, { token: app, method: "POST", body, headers: { Prefer: 'outlook.timezone="W. Europe Standard Time"' } });
    expect(r.status).toBe(200);
    const [mine, external] = r.json.value;
    const sample = (example("calendar-getschedule.response.json") as { value: Record<string, unknown>[] }).value[0]!;
    expect(missingKeys(sample, mine)).toEqual([]);
    // The seeded "Sprint planning" is 09:00–10:00 Stockholm time on day 3 (5 March).
    expect(mine.availabilityView).toBe("0200");
    expect(mine.scheduleItems[0]).toMatchObject({ status: "busy", subject: "Sprint planning", start: { dateTime: "2026-03-05T09:00:00.0000000", timeZone: "W. Europe Standard Time" } });
    expect(mine.workingHours.timeZone.name).toBe("W. Europe Standard Time");
    expect(external.error.responseCode).toBe("ErrorMailRecipientNotFound");
  });

  test("a delegated caller can ask only through its own calendar", async () => {
    const aiko = userByLocal(h.tenant, "aiko.tanaka");
    const token = await h.userToken("lars.berg", "Calendars.ReadWrite");
    const body = { schedules: ["aiko.tanaka@contoso.com"], startTime: { dateTime: "2026-03-05T00:00:00", timeZone: "UTC" }, endTime: { dateTime: "2026-03-06T00:00:00", timeZone: "UTC" } };
    expect((await h.call(`/v1.0/users/${aiko.id}/calendar/getSchedule`, { token, method: "POST", body })).status).toBe(403);
    const own = await h.call("/v1.0/me/calendar/getSchedule", { token, method: "POST", body });
    expect(own.status).toBe(200);
    expect(own.json.value[0].availabilityView).toHaveLength(48);
  });
});
