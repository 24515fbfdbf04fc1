// Matching one Microsoft 365 user to their Webex account, through the ports: read the user,
// reuse a link that still holds, else check the organization, look the verified addresses up in
// Webex until the first hit, and store the link. "Not found" is an answer, not an error; only a
// failing port (network, permissions) throws.
import { decideMatch, linkMatchSource, matchedFromLink, needsRematch, planLookups, type MatchDecision, type Matched, type WebexLookup } from "./match";
import type { AccountLinks, DirectoryReader, DirectoryUserRef, WebexPeople } from "./ports";

export interface MatchUserDeps {
  directory: DirectoryReader;
  webex: WebexPeople;
  links: AccountLinks;
  now: () => Date;
}

/** What happened to the stored link: made now, still valid, or replaced because the user changed. */
export type LinkChange = "created" | "kept" | "rematched";

export type MatchUserResult = Exclude<MatchDecision, Matched> | (Matched & { link: LinkChange });

export async function matchUser(deps: MatchUserDeps, who: DirectoryUserRef): Promise<MatchUserResult> {
  const user = await deps.directory.getUser(who);
  // A disabled account is refused before anything else is read or looked up.
  if (user.accountEnabled === false) return { kind: "account-disabled" };

  const existing = await deps.links.get(who.tenantId, who.userId);
  if (existing && !needsRematch(existing, user)) return { ...matchedFromLink(existing), link: "kept" };

  const verifiedDomains = await deps.directory.getVerifiedDomains(who.tenantId);
  // Sequential on purpose: the primary address matches almost everyone, so one Webex call is
  // the common case and aliases are only tried after a miss.
  const lookups: WebexLookup[] = [];
  for (const candidate of planLookups(user, verifiedDomains)) {
    const person = await deps.webex.findByEmail(candidate.address);
    lookups.push({ address: candidate.address, person });
    if (person) break;
  }

  const decision = decideMatch(user, lookups, verifiedDomains);
  // An unmatched re-match leaves the old link in place: the port cannot delete, and the old
  // link may still reach the person's Webex account until an admin updates it.
  if (decision.kind !== "matched") return decision;

  await deps.links.upsert({
    tenantId: who.tenantId,
    aadObjectId: who.userId,
    upn: user.userPrincipalName.trim(),
    matchedAddress: decision.address,
    webexPersonId: decision.webexPersonId,
    webexEmail: decision.webexEmail,
    matchedBy: linkMatchSource(decision.source),
    matchedAt: deps.now(),
  });
  return { ...decision, link: existing ? "rematched" : "created" };
}
