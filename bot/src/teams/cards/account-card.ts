import type { Attachment } from "botbuilder";
import type { AccountStatus, ConnectStep } from "../../accounts/types";
import type { MatchDecision } from "../../directory";
import type { Translate } from "../i18n";
import accountTemplate from "./account.json";
import confirmTemplate from "./confirm.json";
import { renderCard } from "./render";
import textTemplate from "./text.json";

export interface AccountCardData {
  title: string;
  facts: { title: string; value: string }[];
  note: string;
  ready: boolean;
  readyText: string;
  stepsHeading: string;
  steps: { text: string; button: string; url: string }[];
}

/** whoami / connect: who the user is on both sides and what is still missing, as buttons. */
export function accountCard(t: Translate, status: AccountStatus): Attachment {
  const matched = status.match?.kind === "matched" ? status.match : undefined;
  const signedIn = !status.steps.some((s) => s.kind === "microsoft-sign-in");
  const identity = status.user.displayName ? `${status.user.displayName} (${status.user.userPrincipalName ?? ""})` : (status.user.userPrincipalName ?? (signedIn ? status.user.userId : t("account.notSignedIn")));
  const data: AccountCardData = {
    title: t("account.title"),
    facts: [
      { title: t("account.microsoft"), value: identity },
      { title: t("account.mode"), value: t(status.mode === "tenant" ? "account.mode.tenant" : "account.mode.individual") },
      { title: t("account.webex"), value: webexFact(t, status.match) },
    ],
    note: status.webex ? t(status.webex.via === "service-token" ? "account.webex.viaService" : "account.webex.viaUser") : "",
    ready: status.steps.length === 0 && matched !== undefined,
    readyText: matched ? t("account.ready", { email: matched.webexEmail }) : "",
    stepsHeading: t("account.stepsHeading"),
    steps: status.steps.map((step) => stepRow(t, step)),
  };
  return renderCard(accountTemplate, data);
}

function webexFact(t: Translate, match: MatchDecision | undefined): string {
  switch (match?.kind) {
    case "matched":
      return t("account.webex.matched", { email: match.webexEmail, source: t(`match.source.${match.source === "primary-proxy" ? "mail" : match.source}` as "match.source.mail") });
    case "no-webex-account":
      return t("account.webex.none", { tried: match.tried.join(", ") });
    case "domain-not-verified":
      return t("account.webex.domain", { tried: match.tried.join(", "), domains: match.verifiedDomains.join(", ") });
    case "account-disabled":
      return t("account.webex.disabled");
    default:
      return t("account.webex.unknown");
  }
}

function stepRow(t: Translate, step: ConnectStep): AccountCardData["steps"][number] {
  switch (step.kind) {
    case "microsoft-sign-in":
      return { text: t("step.microsoft.text"), button: t("step.microsoft"), url: step.url };
    case "webex-connect":
      return { text: t("step.webex.text"), button: t("step.webex"), url: step.url };
    case "webex-account-mismatch":
      return { text: t("step.mismatch.text", { connectedAs: step.connectedAs, expected: step.expected }), button: t("step.webex"), url: step.url };
    case "admin-consent-missing":
      return { text: t("step.consent.text"), button: t("step.consent"), url: step.adminConsentUrl };
  }
}

export const DISCONNECT_VERBS = { confirm: "disconnect.confirm", keep: "disconnect.keep" } as const;

export function disconnectConfirmCard(t: Translate): Attachment {
  return renderCard(confirmTemplate, { text: t("disconnect.confirm"), yes: t("disconnect.yes"), no: t("disconnect.no"), yesVerb: DISCONNECT_VERBS.confirm, noVerb: DISCONNECT_VERBS.keep });
}

export function textCard(text: string): Attachment {
  return renderCard(textTemplate, { text });
}
