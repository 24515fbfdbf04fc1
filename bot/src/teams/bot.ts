import { MessageFactory, TeamsActivityHandler, TurnContext } from "botbuilder";
import type { Logger } from "../logger";
import { helpCard } from "./cards/help-card";
import type { BotCommand } from "./commands/command";
import { helpCommand } from "./commands/help";
import { notYetCommand } from "./commands/not-yet";
import { routeCommand } from "./commands/router";
import { translator } from "./i18n";

export interface SchedulerBotDeps {
  logger: Logger;
  commands?: readonly BotCommand[];
}

/** Triggers include the command titles of appPackage's localised command lists (en, sv, ja, tr). */
export const DEFAULT_COMMANDS: readonly BotCommand[] = [
  helpCommand,
  notYetCommand("schedule", ["schedule", "boka", "予約", "planla"]),
  notYetCommand("upcoming", ["upcoming", "kommande", "今後の予定", "yaklaşan"]),
  notYetCommand("cancel", ["cancel", "avboka", "キャンセル", "iptal"]),
  notYetCommand("connect", ["connect", "anslut", "接続", "bağlan"]),
  notYetCommand("disconnect", ["disconnect", "koppla från", "接続解除", "bağlantıyı kes"]),
  notYetCommand("whoami", ["whoami", "vem är jag", "アカウント確認", "ben kimim"]),
];

/**
 * The Teams bot: routes each message to a command. It holds no per-user state; everything a
 * turn needs comes from the activity or the injected dependencies.
 */
export class SchedulerBot extends TeamsActivityHandler {
  private readonly commands: readonly BotCommand[];

  constructor(private readonly deps: SchedulerBotDeps) {
    super();
    this.commands = deps.commands ?? DEFAULT_COMMANDS;

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const t = translator(context.activity.locale);
      for (const member of context.activity.membersAdded ?? []) {
        // Greet people in a personal chat when they install the app; the bot itself joining is not news.
        if (member.id === context.activity.recipient.id) continue;
        if (context.activity.conversation.conversationType !== "personal") continue;
        await context.sendActivity(t("welcome.text", { name: member.name ?? "" }).replace(/\s+!/, "!"));
        await context.sendActivity(MessageFactory.attachment(helpCard(t, { showConnect: true })));
      }
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const t = translator(context.activity.locale);
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
    const routed = routeCommand(this.commands, text);
    if (!routed) {
      this.deps.logger.debug({ conversationType: context.activity.conversation.conversationType }, "message matched no command");
      await context.sendActivity(t("unknown.text"));
      return;
    }
    await routed.command.run({ turn: context, args: routed.args, t });
  }
}
