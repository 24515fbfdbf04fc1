import type { Strings } from "./en";

export const sv: Strings = {
  "help.title": "Webex Scheduler",
  "help.tagline": "Boka Webex-möten utan att lämna Teams. Mötet hamnar i din Outlook-kalender och Outlook skickar inbjudningarna.",
  "help.examplesHeading": "Prova något av detta",
  "help.example1": "boka Designgenomgång med Aiko och Lars i morgon kl 15 i 45 minuter",
  "help.example2": "boka Veckomöte med kanalen varje måndag 09:00 i 30 minuter",
  "help.example3": "upcoming",
  "help.commandsHeading": "Kommandon",
  "help.cmd.schedule": "Planera ett Webex-möte med en mening: rubrik, tid, längd och vem som ska bjudas in.",
  "help.cmd.upcoming": "Dina Webex-möten de kommande 7 dagarna, med länkar för att ansluta.",
  "help.cmd.cancel": "Ställ in ett Webex-möte och dess kalenderhändelse.",
  "help.cmd.connect": "Koppla ihop dina Microsoft 365- och Webex-konton.",
  "help.cmd.disconnect": "Ta bort kopplingen och allt som sparats om dig.",
  "help.cmd.whoami": "Vilka Microsoft- och Webex-konton du är kopplad som.",
  "help.cmd.help": "Det här kortet.",
  "help.connectHint": "Första gången? Koppla ditt Webex-konto.",
  "help.connectButton": "Koppla",
  "unknown.text": "Det förstod jag inte. Skriv **help** för att se vad jag kan göra, eller börja med **schedule** följt av vad du vill planera.",
  "notYet.text": "**{command}** är på väg men finns inte än. Skriv **help** för att se vad som fungerar i dag.",
  "error.generic": "Förlåt, något gick fel hos mig. Försök igen om en stund.",
  "welcome.text": "Hej {name}! Jag bokar Webex-möten direkt i din Outlook-kalender.",
};
