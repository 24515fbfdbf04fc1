import { createHash, randomBytes, randomInt } from "node:crypto";

/**
 * Identifiers shaped like the real ones. Webex REST ids are the base64 (URL-safe alphabet, no
 * padding) of a "ciscospark://us/<KIND>/<uuid>" URI; meeting ids are 32 hex characters;
 * occurrence ids append "_<UTC start>". People and the organisation get ids derived from the
 * tenant data, so they are stable across restarts and resets.
 */

/** A UUID-formatted digest of `seed`: deterministic, and unrelated to the Microsoft ids. */
export function uuidFrom(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function sparkId(kind: "PEOPLE" | "ORGANIZATION", uuid: string): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`, "utf8").toString("base64url");
}

/** The uuid inside a spark id, or undefined when `id` is not one of `kind`. */
export function uuidOfSparkId(id: string, kind: "PEOPLE" | "ORGANIZATION"): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const prefix = `ciscospark://us/${kind}/`;
  return text.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}

export function personIdFor(email: string): string {
  return sparkId("PEOPLE", uuidFrom(`webex-person:${email.toLowerCase()}`));
}

export function orgIdFor(orgSeed: string): string {
  return sparkId("ORGANIZATION", uuidFrom(`webex-org:${orgSeed}`));
}

export function newMeetingId(): string {
  return randomBytes(16).toString("hex");
}

/** Ten digits, like the meeting numbers of current Webex sites. */
export function newMeetingNumber(): string {
  return `2${String(randomInt(0, 1_000_000_000)).padStart(9, "0")}`;
}

export function digits(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += String(randomInt(0, 10));
  return out;
}

/**
 * A password meeting the sandbox site's complexity rule (upper, lower, digit, 8+ characters),
 * like the "BgJep@43" style Webex generates.
 */
export function newMeetingPassword(): string {
  const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const lower = "abcdefghijkmnpqrstuvwxyz";
  const pick = (alphabet: string): string => alphabet[randomInt(0, alphabet.length)]!;
  return `${pick(upper)}${pick(lower)}${pick(upper)}${pick(lower)}${pick(lower)}@${digits(2)}`;
}

/** Opaque access/refresh tokens in the real format: "<random>_PF84_<org uuid>". */
export function newOpaqueToken(orgUuid: string): string {
  return `${randomBytes(48).toString("base64url")}_PF84_${orgUuid}`;
}

export function newAuthorizationCode(): string {
  return randomBytes(32).toString("base64url");
}
