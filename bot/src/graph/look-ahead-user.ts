import { z } from "zod";

/**
 * The user properties directory look-ahead reads (names, address, enabled, title, department),
 * as one `$select` and one schema, for the live search (invitee-ports.ts) and the delta rounds
 * of the directory copy (users-delta.ts) alike.
 * https://learn.microsoft.com/graph/api/resources/user — nullable as Graph sends them.
 */
export const LOOK_AHEAD_USER_SELECT = "id,displayName,givenName,surname,mail,userPrincipalName,accountEnabled,jobTitle,department";

export const LookAheadUserJson = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  givenName: z.string().nullish(),
  surname: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  jobTitle: z.string().nullish(),
  department: z.string().nullish(),
});
export type LookAheadUserJson = z.infer<typeof LookAheadUserJson>;
