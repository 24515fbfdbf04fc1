import type { Strings } from "./en";

export const sv: Strings = {
  appName: "Webex Scheduler",
  skipToContent: "Hoppa till huvudinnehållet",
  connecting: "Ansluter till Microsoft Teams…",

  outsideTitle: "Öppna den här fliken i Microsoft Teams",
  outsideBody:
    "Det här är fliken Webex Scheduler för Microsoft Teams — öppna den i Teams, eller använd sandlådans playground för att prova appen utan en Teams-klient.",
  outsideHint: "Kör ”npm start” och sedan ”npm run playground” för att chatta med boten lokalt.",

  personalHeading: "Dina Webex-möten",
  channelHeading: "Webex-möten i {channel}",
  channelHeadingUnnamed: "Webex-möten i den här kanalen",
  chatHeading: "Webex-möten i den här chatten",
  teamAndChannel: "{team} · {channel}",

  upcomingHeading: "Kommande Webex-möten",
  upcomingEmptyTitle: "Inga möten att visa här än",
  upcomingEmptyBody:
    "Möteslistan i den här fliken kommer i en senare version. Skriv så länge ”upcoming” i chatten med boten.",

  scheduleHeading: "Boka",
  schedulePlaceholder:
    "Det går inte att boka från fliken än. Be boten i chatten så länge — till exempel ”boka Veckomöte med teamet varje måndag 09:00 i 30 minuter”.",

  configHeading: "Lägg till Webex Scheduler i den här kanalen",
  configHeadingChat: "Lägg till Webex Scheduler i den här chatten",
  configBody:
    "Fliken visar Webex-mötena som bokas här och, i en senare version, ett formulär för att boka nya. Välj Spara för att lägga till den.",
  configSaveFailed: "Det gick inte att spara flikens inställningar. Försök igen.",
  tabDisplayName: "Webex-möten",

  accountsHeading: "Dina konton",
  accountsLoading: "Kontrollerar dina konton…",
  accountsMicrosoft: "Microsoft 365",
  accountsWebex: "Webex",
  accountsMode: "Åtkomst",
  modeTenant: "För hela organisationen (din administratör har godkänt appen)",
  modeIndividual: "Bara för dig (du godkänner appen själv)",
  webexMatched: "{email}",
  webexViaService: "{email}, bokas via organisationens Webex-tjänstkonto",
  webexNotConnected: "Inte anslutet än",
  webexNoAccount: "Webex har inget konto för {addresses}.",
  webexDomainNotVerified: "Ingen av dina e-postadresser finns i en domän som organisationen har verifierat i Microsoft 365.",
  webexAccountDisabled: "Ditt Microsoft 365-konto är inaktiverat.",
  accountsReady: "Klart — du kan boka Webex-möten.",
  nextStepsHeading: "Nästa steg",
  stepMicrosoftSignIn: "Logga in med Microsoft",
  stepConnectWebex: "Anslut Webex",
  stepAdminConsent: "Din Microsoft 365-administratör har inte godkänt appen för organisationen. Be hen att öppna sidan för administratörsmedgivande:",
  stepAdminConsentLink: "Sidan för administratörsmedgivande",
  stepWebexMismatch: "Du anslöt Webex som {connectedAs}, men din Microsoft 365-adress matchar {expected}.",
  stepWebexMismatchButton: "Anslut Webex som {expected}",
  stepOther: "Fortsätt konfigurationen",
  stepOpensInNewWindow: "Länkarna öppnas i ett nytt fönster. Kom tillbaka hit när du är klar.",
  accountsRefresh: "Kontrollera igen",
  accountsSignInTitle: "Din inloggning kunde inte verifieras",
  accountsSignInBody: "Den kan ha gått ut. Logga in igen för att se dina konton.",
  accountsSignInAgain: "Logga in igen",
  accountsErrorTitle: "Det gick inte att läsa in dina konton",
  accountsErrorBody: "Kontrollera anslutningen och försök igen.",
  accountsRetry: "Försök igen",
  disconnect: "Koppla från",
  disconnectTitle: "Koppla från dina konton?",
  disconnectBody:
    "Appen glömmer dina inloggningar till Microsoft 365 och Webex och slutar synkronisera din kalender med Webex. Möten som redan är bokade ligger kvar. Du kan ansluta igen när som helst.",
  disconnectConfirm: "Koppla från",
  disconnectCancel: "Avbryt",
  disconnecting: "Kopplar från…",
  disconnectDone: "Frånkopplad. Anslut igen när du vill.",
  disconnectFailed: "Det gick inte att koppla från. Försök igen.",

  footerVersion: "Tjänstens version {version}",
};
