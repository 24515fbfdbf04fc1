// What one raw invitee phrase from the parser is: the channel token, an e-mail address (valid or
// not), or a name to look up — pure.
import { normaliseAddress } from "../addresses";

/** The parser's token for "the channel", "everyone here", "teamet"… */
export const CHANNEL_TOKEN = "@channel";

export type Phrase =
  | { kind: "channel" }
  | { kind: "email"; address: string; displayName?: string }
  | { kind: "invalid-email" }
  | { kind: "name"; name: string }
  | { kind: "empty" };

// `Anna Kovács <anna.k@fabrikam.com>` or `"Kovács, Anna" <anna.k@fabrikam.com>`, as mail clients copy them.
const NAME_ADDR = /^\s*"?([^"<>]*?)"?\s*<([^<>]*)>\s*$/;

/**
 * Anything with an "@" after its first character is meant as an address and is validated (a
 * simple RFC 5322-ish check: addresses.ts); a leading "@" is a mention of a name ("@Aiko").
 */
export function classifyPhrase(raw: string): Phrase {
  const text = raw.trim();
  if (text === "") return { kind: "empty" };
  if (text.toLowerCase() === CHANNEL_TOKEN) return { kind: "channel" };

  const named = NAME_ADDR.exec(text);
  if (named) {
    const address = normaliseAddress(stripMailto(named[2]!));
    if (!address) return { kind: "invalid-email" };
    const displayName = named[1]!.trim();
    return displayName ? { kind: "email", address, displayName } : { kind: "email", address };
  }

  const unmentioned = text.startsWith("@") ? text.slice(1).trim() : text;
  if (!unmentioned.includes("@")) return unmentioned === "" ? { kind: "empty" } : { kind: "name", name: unmentioned };
  const address = normaliseAddress(stripMailto(text));
  return address ? { kind: "email", address } : { kind: "invalid-email" };
}

function stripMailto(value: string): string {
  return value.trim().replace(/^mailto:/i, "");
}
