// The organization check: a user is matched only through an address in one of the tenant's
// verified domains (Graph `GET /organization` → verifiedDomains), so that nobody is linked to a
// Webex account through an address the organization does not own. SPEC.md: refuse, with an
// explanation, when none of the user's addresses qualifies.
import { domainOf, type CandidateAddress } from "./addresses";

export type OrganizationCheck =
  | { ok: true; verified: CandidateAddress[] }
  | DomainNotVerified;

export interface DomainNotVerified {
  ok: false;
  reason: "domain-not-verified";
  /** Every candidate address, in order: the user can see which of theirs were considered. */
  tried: string[];
  /** The organization's verified domains, normalised. */
  verifiedDomains: string[];
}

/**
 * Keeps the candidates whose domain is exactly a verified domain (case-insensitive). A subdomain
 * is not covered by its parent: Entra ID verifies each domain separately, and `sales.contoso.com`
 * appears in verifiedDomains only if it was verified itself.
 */
export function checkOrganization(addresses: readonly CandidateAddress[], verifiedDomains: readonly string[]): OrganizationCheck {
  const domains = normaliseDomains(verifiedDomains);
  const allowed = new Set(domains);
  const verified = addresses.filter((c) => allowed.has(domainOf(c.address)));
  if (verified.length > 0) return { ok: true, verified };
  return { ok: false, reason: "domain-not-verified", tried: addresses.map((c) => c.address), verifiedDomains: domains };
}

/** Lower-cased, trimmed, without a trailing root dot, de-duplicated, in input order. */
export function normaliseDomains(domains: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of domains) {
    const domain = d.trim().toLowerCase().replace(/\.$/, "");
    if (domain !== "" && !out.includes(domain)) out.push(domain);
  }
  return out;
}
