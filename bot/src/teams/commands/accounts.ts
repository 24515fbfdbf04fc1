import { MessageFactory, type Activity } from "botbuilder";
import type { AccountsService, UserRef } from "../../accounts/types";
import type { Logger } from "../../logger";
import { accountCard, disconnectConfirmCard } from "../cards/account-card";
import type { BotCommand, CommandContext } from "./command";

/** The Microsoft 365 user behind an activity: tenant + Entra object id, as Teams sends them. */
export function userFromActivity(activity: Partial<Activity>): UserRef | undefined {
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const userId = activity.from?.aadObjectId;
  return tenantId && userId ? { tenantId, userId } : undefined;
}

async function withUser(ctx: CommandContext, run: (user: UserRef) => Promise<void>): Promise<void> {
  const user = userFromActivity(ctx.turn.activity);
  if (!user) {
    await ctx.turn.sendActivity(ctx.t("error.noUser"));
    return;
  }
  await run(user);
}

/** `connect` and `whoami` both show the account card: who you are, and what is still missing. */
export function accountCommands(accounts: AccountsService, logger: Logger): BotCommand[] {
  const showStatus = (ctx: CommandContext): Promise<void> =>
    withUser(ctx, async (user) => {
      try {
        const status = await accounts.status(user);
        await ctx.turn.sendActivity(MessageFactory.attachment(accountCard(ctx.t, status)));
      } catch (error) {
        logger.error({ err: error, tenantId: user.tenantId }, "could not read the account status");
        await ctx.turn.sendActivity(ctx.t("error.accounts"));
      }
    });
  return [
    { name: "connect", triggers: ["connect", "anslut", "接続", "bağlan"], run: showStatus },
    { name: "whoami", triggers: ["whoami", "vem är jag", "アカウント確認", "ben kimim"], run: showStatus },
    {
      name: "disconnect",
      triggers: ["disconnect", "koppla från", "接続解除", "bağlantıyı kes"],
      run: (ctx) => withUser(ctx, async () => void (await ctx.turn.sendActivity(MessageFactory.attachment(disconnectConfirmCard(ctx.t))))),
    },
  ];
}
