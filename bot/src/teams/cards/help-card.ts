import type { Attachment } from "botbuilder";
import type { Translate } from "../i18n";
import helpTemplate from "./help.json";
import { renderCard } from "./render";

export interface HelpCardData {
  title: string;
  tagline: string;
  examplesHeading: string;
  examples: { text: string }[];
  commandsHeading: string;
  commands: { name: string; description: string }[];
  connectHint: string;
  connectButton: string;
  showConnect: boolean;
  readyText: string;
}

export const COMMAND_NAMES = ["schedule", "upcoming", "cancel", "connect", "disconnect", "whoami", "help"] as const;

export interface HelpCardOptions {
  showConnect: boolean;
  /** The user's matched Webex e-mail when everything is in place: "You're set — …" instead of Connect. */
  readyEmail?: string;
}

export function helpCard(t: Translate, options: HelpCardOptions): Attachment {
  const data: HelpCardData = {
    title: t("help.title"),
    tagline: t("help.tagline"),
    examplesHeading: t("help.examplesHeading"),
    examples: [{ text: t("help.example1") }, { text: t("help.example2") }, { text: t("help.example3") }],
    commandsHeading: t("help.commandsHeading"),
    commands: COMMAND_NAMES.map((name) => ({ name, description: t(`help.cmd.${name}`) })),
    connectHint: t("help.connectHint"),
    connectButton: t("help.connectButton"),
    showConnect: options.showConnect && !options.readyEmail,
    readyText: options.readyEmail ? t("account.ready", { email: options.readyEmail }) : "",
  };
  return renderCard(helpTemplate, data);
}
