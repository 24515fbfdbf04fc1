// The e-mail addresses a Microsoft 365 user may be known by in Webex, most likely first.
// Graph reference: https://learn.microsoft.com/graph/api/resources/user (mail, userPrincipalName,
// proxyAddresses). Exchange writes proxyAddresses as "TYPE:value"; upper-case "SMTP:" is the
// primary address, lower-case "smtp:" an alias, and other types (SIP:, X500:, X400:, EUM:…) are
// not e-mail addresses at all.

/** Where a candidate address came from, in the order we trust them. */
export type AddressSource = "mail" | "primary-proxy" | "upn" | "alias";
export const ADDRESS_SOURCES = ["mail", "primary-proxy", "upn", "alias"] as const;

export interface CandidateAddress {
  /** Trimmed and lower-cased. */
  address: string;
  source: AddressSource;
}

/** The user fields that carry addresses (a structural subset of the Graph user). */
export interface AddressedUser {
  mail: string | null;
  userPrincipalName: string;
  proxyAddresses?: readonly string[];
}

/**
 * Ordered, de-duplicated candidates: the primary SMTP address (`mail`, then an "SMTP:" proxy),
 * then the UPN, then the "smtp:" aliases. Comparison is case-insensitive — Exchange, Entra ID and
 * Webex all treat addresses that way, even though RFC 5321 lets a local part be case-sensitive.
 * Malformed values are skipped rather than failing the whole user.
 */
export function candidateAddresses(user: AddressedUser): CandidateAddress[] {
  const raw: { value: string | null | undefined; source: AddressSource }[] = [{ value: user.mail, source: "mail" }];
  const proxies = (user.proxyAddresses ?? []).map(parseProxyAddress);
  for (const p of proxies) if (p?.primary) raw.push({ value: p.value, source: "primary-proxy" });
  raw.push({ value: user.userPrincipalName, source: "upn" });
  for (const p of proxies) if (p && !p.primary) raw.push({ value: p.value, source: "alias" });

  const seen = new Set<string>();
  const out: CandidateAddress[] = [];
  for (const { value, source } of raw) {
    const address = normaliseAddress(value);
    if (address === undefined || seen.has(address)) continue;
    seen.add(address);
    out.push({ address, source });
  }
  return out;
}

/** Lower-cased, trimmed address, or undefined when it is not a plausible e-mail address. */
export function normaliseAddress(value: string | null | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const address = value.trim().toLowerCase();
  return isPlausibleAddress(address) ? address : undefined;
}

/** The domain part of a normalised address. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

// One "@", a local part without spaces or angle brackets, and a dotted domain of DNS labels.
// Deliberately loose on the local part (Exchange allows much of RFC 5322), strict on the domain,
// because the domain is what the organization check compares.
const LOCAL = /^[^\s@<>()[\]\\,;:"]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isPlausibleAddress(address: string): boolean {
  const at = address.indexOf("@");
  if (at <= 0 || at !== address.lastIndexOf("@")) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!LOCAL.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  const labels = domain.split(".");
  return labels.length >= 2 && domain.length <= 253 && labels.every((l) => LABEL.test(l));
}

/** "SMTP:a@b" → primary, "smtp:a@b" → alias; any other proxy type → undefined. */
function parseProxyAddress(proxy: string): { value: string; primary: boolean } | undefined {
  const trimmed = proxy.trim();
  const colon = trimmed.indexOf(":");
  if (colon < 0) return undefined;
  const type = trimmed.slice(0, colon);
  if (type.toLowerCase() !== "smtp") return undefined;
  // Exchange marks the primary by the upper-case prefix alone; "Smtp:" is not a thing it writes,
  // so only the exact "SMTP" counts as primary and every other spelling is an alias.
  return { value: trimmed.slice(colon + 1), primary: type === "SMTP" };
}
