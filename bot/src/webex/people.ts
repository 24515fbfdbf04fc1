import { z } from "zod";
import type { WebexClient } from "./client";

/** https://developer.webex.com/docs/api/v1/people/list-people — unknown e-mail → 200 {items: []}. */
export const WebexPerson = z.object({
  id: z.string(),
  emails: z.array(z.string()),
  displayName: z.string().optional(),
  orgId: z.string().optional(),
});
export type WebexPerson = z.infer<typeof WebexPerson>;

const PeopleList = z.object({ items: z.array(WebexPerson) });

export async function findPersonByEmail(client: WebexClient, email: string): Promise<WebexPerson | undefined> {
  const list = await client.request("GET", `/v1/people?email=${encodeURIComponent(email)}`, PeopleList);
  return list.items[0];
}

export async function getMe(client: WebexClient): Promise<WebexPerson> {
  return client.request("GET", "/v1/people/me", WebexPerson);
}
