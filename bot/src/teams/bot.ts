import {
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from "botbuilder";
import type { AccountsService } from "../accounts/types";
import type { Logger } from "../logger";
import { DISCONNECT_VERBS, textCard } from "./cards/account-card";
import { helpCard } from "./cards/help-card";
import { accountCommands, userFromActivity } from "./commands/accounts";
import type { BotCommand } from "./commands/command";
import { helpCommand, helpCommandFor } from "./commands/help";
import { notYetCommand } from "./commands/not-yet";
import { routeCommand } from "./commands/router";
import { translator } from "./i18n";
import { cardResponse, type BotFeature, type CardActionHandler } from "./feature";

export interface SchedulerBotDeps {
  logger: Logger;
  /** Absent when no Microsoft app is configured at all (a bare `node dist/bot/src/index.js`). */
  accounts?: AccountsService;
  /** More slices of the bot (scheduling…), each with commands and card actions. */
  features?: readonly BotFeature[];
}

/** Triggers include the command titles of appPackage's localised command lists (en, sv, ja, tr). */
const NOT_YET: readonly BotCommand[] = [
  notYetCommand("schedule", ["schedule", "boka", "予約", "planla"]),
  notYetCommand("upcoming", ["upcoming", "kommande", "今後の予定", "yaklaşan"]),
  notYetCommand("cancel", ["cancel", "avboka", "キャンセル", "iptal"]),
];
const ACCOUNT_PLACEHOLDERS: readonly BotCommand[] = [
  notYetCommand("connect", ["connect", "anslut", "接続", "bağlan"]),
  notYetCommand("disconnect", ["disconnect", "koppla från", "接続解除", "bağlantıyı kes"]),
  notYetCommand("whoami", ["whoami", "vem är jag", "アカウント確認", "ben kimim"]),
];

export function botCommands(deps: SchedulerBotDeps): readonly BotCommand[] {
  const provided = [...(deps.accounts ? accountCommands(deps.accounts, deps.logger) : []), ...(deps.features ?? []).flatMap((f) => f.commands)];
  const names = new Set(provided.map((c) => c.name));
  // A feature's command replaces the honest "not available yet" placeholder of the same name.
  const placeholders = [...NOT_YET, ...ACCOUNT_PLACEHOLDERS].filter((c) => !names.has(c.name));
  return [helpCommandFor(deps.accounts), ...provided, ...placeholders];
}

/** Every command the bot knows, for routing tests. */
export const DEFAULT_COMMANDS: readonly BotCommand[] = [helpCommand, ...NOT_YET, ...ACCOUNT_PLACEHOLDERS];

/**
 * The Teams bot: routes each message to a command and each card action to its verb. It holds no
 * per-user state; everything a turn needs comes from the activity or the injected dependencies.
 */
export class SchedulerBot extends TeamsActivityHandler {
  private readonly commands: readonly BotCommand[];
  private readonly cardActions: ReadonlyMap<string, CardActionHandler>;

  constructor(private readonly deps: SchedulerBotDeps) {
    super();
    this.commands = botCommands(deps);
    this.cardActions = new Map((deps.features ?? []).flatMap((f) => Object.entries(f.cardActions)));

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
      for (const feature of this.deps.features ?? []) {
        if (feature.fallback && (await feature.fallback({ turn: context, args: text.trim(), t }))) return;
      }
      this.deps.logger.debug({ conversationType: context.activity.conversation.conversationType }, "message matched no command");
      await context.sendActivity(t("unknown.text"));
      return;
    }
    await routed.command.run({ turn: context, args: routed.args, t });
  }

  /** Universal actions (Action.Execute): the answer replaces the card in place. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const t = translator(context.activity.locale);
    const verb = invokeValue.action?.verb;
    const user = userFromActivity(context.activity);
    const reply = (text: string): AdaptiveCardInvokeResponse => cardResponse(textCard(text).content as object);
    const handler = verb ? this.cardActions.get(verb) : undefined;
    if (handler) return handler({ turn: context, t, user, data: (invokeValue.action?.data ?? {}) as Record<string, unknown> });
    if (verb === DISCONNECT_VERBS.keep) return reply(t("disconnect.kept"));
    if (verb === DISCONNECT_VERBS.confirm) {
      if (!user || !this.deps.accounts) return reply(t("error.noUser"));
      try {
        const result = await this.deps.accounts.disconnect(user);
        return reply(t("disconnect.done", { tokens: String(result.removedTokens), subscriptions: String(result.removedSubscriptions) }));
      } catch (error) {
        this.deps.logger.error({ err: error, tenantId: user.tenantId }, "disconnect failed");
        return reply(t("error.accounts"));
      }
    }
    return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: `Unknown card action: ${verb ?? "(none)"}` } };
  }
}
