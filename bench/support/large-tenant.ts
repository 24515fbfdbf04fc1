import { createTenant, sandboxId, type Tenant, type TenantUser } from "../../sandbox/tenant";

/**
 * The demo tenant grown to `total` users for the directory benchmarks. The generated people live
 * in the verified domains and follow a fixed pattern (no randomness, so every run matches the
 * same people): per hundred, 90 are known to Webex by their primary address, 4 only by an alias
 * in proxyAddresses, 5 have no Webex account and 1 is disabled. Like the demo people, each has an
 * onmicrosoft.com alias, and those in contoso.se also a contoso.com one.
 */
export type GeneratedKind = "webex-by-mail" | "webex-by-alias" | "no-webex" | "disabled";

const GIVEN = ["Alva", "Björn", "Chen", "Deniz", "Emil", "Fatima", "Goro", "Hiro", "Ines", "Jonas", "Kaori", "Leyla", "Mateo", "Nora", "Oskar", "Pia"];
const SURNAME = ["Andersson", "Brown", "Çelik", "Dubois", "Eriksson", "Fujita", "García", "Hansen", "Ito", "Jensen", "Kılıç", "Larsen", "Müller", "Nilsson", "Ota", "Park"];
const ZONES = { "contoso.com": ["America/New_York", "Europe/London", "Asia/Tokyo", "Europe/Istanbul"], "contoso.se": ["Europe/Stockholm"] } as const;

export function generatedKind(n: number): GeneratedKind {
  const slot = n % 100;
  if (slot < 4) return "webex-by-alias";
  if (slot < 9) return "no-webex";
  if (slot === 9) return "disabled";
  return "webex-by-mail";
}

export function createLargeTenant(total: number): Tenant {
  const tenant = createTenant();
  const seeded = tenant.users.length;
  if (total < seeded) throw new RangeError(`a large tenant has at least the ${seeded} demo users`);
  for (let n = seeded + 1; n <= total; n++) tenant.users.push(generatedUser(n));
  return tenant;
}

function generatedUser(n: number): TenantUser {
  const given = GIVEN[n % GIVEN.length]!;
  const surname = SURNAME[Math.floor(n / GIVEN.length) % SURNAME.length]!;
  const domain = n % 3 === 0 ? "contoso.se" : "contoso.com";
  // A number keeps addresses unique; ASCII-folded as Exchange would suggest them.
  const local = `${fold(given)}.${fold(surname)}${n}`;
  const mail = `${local}@${domain}`;
  const kind = generatedKind(n);
  const alias = `${fold(given)[0]}${fold(surname)}${n}@${domain}`;
  const proxyAddresses = [`SMTP:${mail}`, `smtp:${local}@contoso.onmicrosoft.com`];
  if (kind === "webex-by-alias") proxyAddresses.push(`smtp:${alias}`);
  if (domain === "contoso.se") proxyAddresses.push(`smtp:${local}@contoso.com`);
  const zones = ZONES[domain];
  return {
    id: sandboxId("user", n),
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    userPrincipalName: mail,
    mail,
    proxyAddresses,
    jobTitle: "Specialist",
    department: "Operations",
    officeLocation: domain === "contoso.se" ? "Stockholm" : "Remote",
    preferredLanguage: domain === "contoso.se" ? "sv-SE" : "en-US",
    timeZone: zones[n % zones.length]!,
    accountEnabled: kind !== "disabled",
    webexEmail: kind === "no-webex" ? null : kind === "webex-by-alias" ? alias : mail,
  };
}

function fold(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i")
    .toLowerCase();
}
