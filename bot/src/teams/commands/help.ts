import { MessageFactory } from "botbuilder";
import type { AccountsService } from "../../accounts/types";
import { helpCard } from "../cards/help-card";
import { userFromActivity } from "./accounts";
import type { BotCommand } from "./command";

const HELP_TRIGGERS = ["help", "hjälp", "yardım", "ヘルプ", "?", "hi", "hello", "hej", "merhaba", "こんにちは"];

/**
 * `help` (and a greeting): what the bot does, with examples. Someone already connected and
 * matched sees "You're set — <Webex account>" instead of the Connect step (read from the store,
 * no remote calls); a failure to read it only drops that line.
 */
export function helpCommandFor(accounts?: AccountsService): BotCommand {
  return {
    name: "help",
    triggers: HELP_TRIGGERS,
    async run({ turn, t }) {
      const user = userFromActivity(turn.activity);
      const status = accounts && user ? await accounts.storedStatus(user).catch(() => undefined) : undefined;
      const ready = status?.match?.kind === "matched" ? status.match.webexEmail : undefined;
      await turn.sendActivity(MessageFactory.attachment(helpCard(t, { showConnect: true, ...(ready ? { readyEmail: ready } : {}) })));
    },
  };
}

export const helpCommand: BotCommand = helpCommandFor();
