import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { playgroundConfig, playgroundYaml } from "../playground-config";
import { createTenant } from "../tenant";

describe("the Agents Playground configuration", () => {
  it("is committed exactly as generated from the demo tenant", () => {
    expect(readFileSync(join(__dirname, "..", "..", ".m365agentsplayground.yml"), "utf8")).toBe(playgroundYaml());
  });

  it("chats as demo-tenant users, in the demo team and its channels, with unique ids", () => {
    const tenant = createTenant();
    const config = parse(playgroundYaml()) as ReturnType<typeof playgroundConfig> & Record<string, any>;
    const known = new Set(tenant.users.map((u) => u.id));
    expect(known.has(config.currentUser.aadObjectId)).toBe(true);
    for (const u of config.users) expect(known.has(u.aadObjectId)).toBe(true);
    expect(config.team.aadGroupId).toBe(tenant.teams[0]!.id);
    const ids = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((c: { id: string }) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
