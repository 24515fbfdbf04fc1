import { z } from "zod";
import type { RosterMember } from "./ports";

/**
 * The conversation roster from the Bot Framework (`TeamsInfo.getPagedMembers`, connector
 * `GET /v3/conversations/{id}/pagedmembers`) — no Graph permission needed, so channel members
 * resolve in both modes. botbuilder stays out of this module: the caller hands in one page at a
 * time, e.g.
 *
 *   collectRoster((token) => TeamsInfo.getPagedMembers(context, ROSTER_PAGE_SIZE, token))
 *
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-the-roster-or-user-profile
 */

/** Teams returns at most 500 members per page. */
export const ROSTER_PAGE_SIZE = 500;
/** More than Webex (1 000 invitees) or an Outlook event (500 attendees) could take anyway. */
export const DEFAULT_MAX_ROSTER = 1000;

// TeamsChannelAccount (botframework-schema): every field but `id` may be missing, e.g. for a bot or a guest.
const ChannelAccount = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  aadObjectId: z.string().nullish(),
  email: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  givenName: z.string().nullish(),
  surname: z.string().nullish(),
});

// TeamsPagedMembersResult: the token is absent (or empty) on the last page.
const PagedMembers = z.object({
  members: z.array(z.unknown()),
  continuationToken: z.string().nullish(),
});

/** Roster entries as RosterMember; entries without an id are skipped, not fatal. */
export function toRosterMembers(accounts: readonly unknown[]): RosterMember[] {
  const out: RosterMember[] = [];
  for (const raw of accounts) {
    const parsed = ChannelAccount.safeParse(raw);
    if (!parsed.success) continue;
    const a = parsed.data;
    out.push({
      id: a.id,
      name: a.name ?? a.email ?? a.userPrincipalName ?? "",
      ...(a.email ? { email: a.email } : {}),
      ...(a.aadObjectId ? { aadObjectId: a.aadObjectId } : {}),
      ...(a.userPrincipalName ? { userPrincipalName: a.userPrincipalName } : {}),
      ...(a.givenName ? { givenName: a.givenName } : {}),
      ...(a.surname ? { surname: a.surname } : {}),
    });
  }
  return out;
}

export interface CollectedRoster {
  members: RosterMember[];
  /** false when the roster was cut at maxMembers. */
  complete: boolean;
}

/**
 * Every page, in order, each member once (by id). Stops at `maxMembers`, and when the service
 * repeats a continuation token (a loop would never end otherwise).
 */
export async function collectRoster(
  fetchPage: (continuationToken: string | undefined) => Promise<unknown>,
  options: { maxMembers?: number } = {},
): Promise<CollectedRoster> {
  const max = options.maxMembers ?? DEFAULT_MAX_ROSTER;
  const members: RosterMember[] = [];
  const ids = new Set<string>();
  const tokens = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = PagedMembers.parse(await fetchPage(token));
    for (const m of toRosterMembers(page.members)) {
      if (ids.has(m.id)) continue;
      if (members.length >= max) return { members, complete: false };
      ids.add(m.id);
      members.push(m);
    }
    const next = page.continuationToken ?? undefined;
    if (!next || tokens.has(next)) return { members, complete: true };
    tokens.add(next);
    token = next;
  }
}
