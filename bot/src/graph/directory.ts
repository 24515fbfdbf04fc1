import type { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";

/**
 * Directory reads: a user's addresses for matching to Webex, and the organization's verified
 * domains for the organization check.
 * https://learn.microsoft.com/graph/api/user-get · https://learn.microsoft.com/graph/api/organization-list
 */
export const GraphUser = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  userPrincipalName: z.string(),
  mail: z.string().nullable(),
  proxyAddresses: z.array(z.string()).optional(),
  accountEnabled: z.boolean().optional(),
});
export type GraphUser = z.infer<typeof GraphUser>;

const Organization = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullable(),
      verifiedDomains: z.array(z.object({ name: z.string(), isDefault: z.boolean().optional(), isInitial: z.boolean().optional() })),
    }),
  ),
});

const USER_FIELDS = "id,displayName,userPrincipalName,mail,proxyAddresses,accountEnabled";

/** `/users/{id}` in tenant mode, `/me` in individual mode. */
export async function getUser(client: Client, who: { userId: string } | "me"): Promise<GraphUser> {
  const path = who === "me" ? "/me" : `/users/${encodeURIComponent(who.userId)}`;
  return GraphUser.parse(await client.api(path).select(USER_FIELDS).get());
}

export async function getVerifiedDomains(client: Client): Promise<string[]> {
  const org = Organization.parse(await client.api("/organization").select("id,displayName,verifiedDomains").get());
  return org.value.flatMap((o) => o.verifiedDomains.map((d) => d.name.toLowerCase()));
}
