// The matching decision, as pure functions: which addresses to look up in Webex and in which
// order, what the lookups mean, and when a stored link is out of date.
import { candidateAddresses, normaliseAddress, type AddressSource, type CandidateAddress } from "./addresses";
import { checkOrganization } from "./organization-check";
import type { DirectoryUser, LinkMatchSource, StoredAccountLink, WebexPersonSummary } from "./ports";

/** How a match was made: an address source, or a link someone made by hand (signing in to Webex). */
export type MatchedSource = AddressSource | "manual";

export interface Matched {
  kind: "matched";
  /** The user's address that Webex knows. */
  address: string;
  source: MatchedSource;
  webexPersonId: string;
  webexEmail: string;
}

export type MatchDecision =
  | Matched
  /** Every verified address was looked up; Webex knows none of them. */
  | { kind: "no-webex-account"; tried: string[] }
  /** None of the user's addresses is in a verified domain; nothing was looked up. */
  | { kind: "domain-not-verified"; tried: string[]; verifiedDomains: string[] }
  | { kind: "account-disabled" };

/** One Webex lookup and its answer. */
export interface WebexLookup {
  address: string;
  person: WebexPersonSummary | undefined;
}

/**
 * The addresses to look up in Webex, in order: only those in a verified domain, the primary
 * address first, then the UPN, then aliases. Empty for a disabled user or when no address is
 * verified — decideMatch says why.
 */
export function planLookups(user: DirectoryUser, verifiedDomains: readonly string[]): CandidateAddress[] {
  if (user.accountEnabled === false) return [];
  const org = checkOrganization(candidateAddresses(user), verifiedDomains);
  return org.ok ? org.verified : [];
}

/**
 * What the lookups mean for this user. The first planned address (in plan order) that Webex knows
 * wins; lookups of addresses outside the plan are ignored, so an unverified address can never
 * produce a match even if a caller looked it up.
 */
export function decideMatch(user: DirectoryUser, lookups: readonly WebexLookup[], verifiedDomains: readonly string[]): MatchDecision {
  if (user.accountEnabled === false) return { kind: "account-disabled" };
  const org = checkOrganization(candidateAddresses(user), verifiedDomains);
  if (!org.ok) return { kind: "domain-not-verified", tried: org.tried, verifiedDomains: org.verifiedDomains };

  const answers = new Map<string, WebexPersonSummary | undefined>();
  for (const l of lookups) {
    const address = normaliseAddress(l.address);
    // A repeated lookup keeps the first hit: a later miss must not erase it.
    if (address !== undefined && !answers.get(address)) answers.set(address, l.person);
  }

  const tried: string[] = [];
  for (const candidate of org.verified) {
    if (!answers.has(candidate.address)) continue;
    const person = answers.get(candidate.address);
    if (person) {
      return {
        kind: "matched",
        address: candidate.address,
        source: candidate.source,
        webexPersonId: person.id,
        webexEmail: webexEmailFor(person, candidate.address),
      };
    }
    tried.push(candidate.address);
  }
  return { kind: "no-webex-account", tried };
}

/**
 * true when the stored link no longer describes the user: the UPN changed, the primary address
 * changed (for a link made through it), or the matched address is gone from the user. A link made
 * by hand is never re-matched automatically — the person chose that Webex account themself.
 * (The link does not keep the old `mail`, so a mail change under an alias link that still holds
 * is not noticed; that link still reaches the right Webex person.)
 */
export function needsRematch(link: Pick<StoredAccountLink, "upn" | "matchedAddress" | "matchedBy">, user: DirectoryUser): boolean {
  if (link.matchedBy === "manual") return false;
  if (!sameText(link.upn, user.userPrincipalName)) return true;
  const candidates = candidateAddresses(user);
  const matched = normaliseAddress(link.matchedAddress);
  if (link.matchedBy === "mail") {
    const primary = candidates.find((c) => c.source === "mail" || c.source === "primary-proxy");
    return primary?.address !== matched;
  }
  return !candidates.some((c) => c.address === matched);
}

/** The store's vocabulary for an address source: the primary proxy address is the user's mail. */
export function linkMatchSource(source: MatchedSource): LinkMatchSource {
  return source === "primary-proxy" ? "mail" : source;
}

/** The decision a stored link stands for. */
export function matchedFromLink(link: StoredAccountLink): Matched {
  return { kind: "matched", address: link.matchedAddress, source: link.matchedBy, webexPersonId: link.webexPersonId, webexEmail: link.webexEmail };
}

/** UPNs compare case-insensitively (Entra ID treats them so); raw text, as a UPN need not be a mailbox. */
function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The person's address equal to the one we looked up, else Webex's first (primary) one. */
function webexEmailFor(person: WebexPersonSummary, address: string): string {
  const same = person.emails.find((e) => normaliseAddress(e) === address);
  return normaliseAddress(same ?? person.emails[0]) ?? address;
}
