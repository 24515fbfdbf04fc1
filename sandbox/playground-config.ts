import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { createTenant, userByLocal, type Tenant, type TenantUser } from "./tenant";

/**
 * The Agents Playground's mock tenant (`.m365agentsplayground.yml`), generated from the demo
 * tenant so that the people a newcomer chats as in the playground are the same people the
 * emulators know. Regenerate with `npx tsx sandbox/playground-config.ts`; a test keeps the
 * committed file in step with tenant.ts.
 */
export function playgroundConfig(tenant: Tenant = createTenant()): Record<string, unknown> {
  const team = tenant.teams[0]!;
  const me = userByLocal(tenant, "lars.berg");
  const others = team.channels[0]!.memberUserIds.filter((id) => id !== me.id).map((id) => tenant.users.find((u) => u.id === id)!);
  const person = (u: TenantUser, i: number) => ({
    id: `user-id-${i}`,
    name: u.displayName,
    // sic: the playground's schema spells it this way
    userPrincipleName: u.userPrincipalName,
    aadObjectId: u.id,
    givenName: u.givenName,
    surname: u.surname,
    email: u.mail ?? u.userPrincipalName,
  });
  return {
    version: "0.1.1",
    tenantId: tenant.id,
    bot: { id: "00000000-0000-0000-0000-00000000b07b", name: "Webex Scheduler" },
    currentUser: person(me, 0),
    users: others.map((u, i) => person(u, i + 1)),
    personalChat: { id: "personal-chat-lars" },
    groupChat: { id: "group-chat-launch", name: "Launch planning" },
    team: {
      id: "team-product-launch",
      name: team.displayName,
      aadGroupId: team.id,
      channels: team.channels.filter((c) => c.membershipType === "standard").map((c) => ({ id: c.id, name: c.displayName })),
    },
  };
}

export function playgroundYaml(): string {
  return `# Generated from sandbox/tenant.ts by sandbox/playground-config.ts — do not edit by hand.\n# Agents Playground mock data: who you are, who else is in the chats, team and channels.\n${stringify(playgroundConfig())}`;
}

if (require.main === module) {
  writeFileSync(join(__dirname, "..", ".m365agentsplayground.yml"), playgroundYaml());
}
