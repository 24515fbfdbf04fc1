// A match decision as message parts for the UI: what happened, the data worth showing, and what
// the person can do next. No wording here — the bot and the tab localise each part.
import type { MatchDecision, MatchedSource } from "./match";
import type { LinkChange } from "./match-user";

export type NextStep =
  /** Sign in to Webex to link the account yourself (a manual link). */
  | "connect-webex"
  /** Ask the Webex administrator to create an account for, or add, one of the tried addresses. */
  | "ask-webex-admin"
  /** Ask the Microsoft 365 administrator (verify the domain, enable the account, add an address). */
  | "ask-microsoft-admin";

export type MatchMessagePart =
  | { part: "linked"; webexEmail: string; address: string; via: MatchedSource; link: LinkChange | undefined }
  | { part: "no-webex-account" }
  | { part: "domain-not-verified" }
  /** The directory has no usable e-mail address for the user at all. */
  | { part: "no-address" }
  | { part: "account-disabled" }
  | { part: "addresses-tried"; addresses: string[] }
  | { part: "verified-domains"; domains: string[] }
  | { part: "next-step"; step: NextStep };

export function explainMatch(decision: MatchDecision & { link?: LinkChange }): MatchMessagePart[] {
  switch (decision.kind) {
    case "matched":
      return [{ part: "linked", webexEmail: decision.webexEmail, address: decision.address, via: decision.source, link: decision.link }];
    case "no-webex-account":
      return [
        { part: "no-webex-account" },
        { part: "addresses-tried", addresses: decision.tried },
        { part: "next-step", step: "connect-webex" },
        { part: "next-step", step: "ask-webex-admin" },
      ];
    case "domain-not-verified":
      return [
        decision.tried.length > 0 ? { part: "domain-not-verified" } : { part: "no-address" },
        ...(decision.tried.length > 0 ? [{ part: "addresses-tried" as const, addresses: decision.tried }] : []),
        { part: "verified-domains", domains: decision.verifiedDomains },
        { part: "next-step", step: "ask-microsoft-admin" },
      ];
    case "account-disabled":
      return [{ part: "account-disabled" }, { part: "next-step", step: "ask-microsoft-admin" }];
  }
}
