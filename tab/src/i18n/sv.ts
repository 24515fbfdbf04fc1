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

  footerVersion: "Tjänstens version {version}",
};
