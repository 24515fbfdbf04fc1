/**
 * The scheduling slice of the bot: "schedule …" (and free text that reads like a request) → a
 * draft card → Schedule → the meeting in Outlook and Webex; "upcoming", "reschedule" and "cancel". Wired in
 * the composition root: `features: [createSchedulingFeature({ accounts, store, logger, adapter })]`.
 */
import { MessageFactory } from "botbuilder";
import { userFromActivity } from "../commands/accounts";
import type { BotCommand, CommandContext } from "../commands/command";
import type { BotFeature } from "../feature";
import { parseRequest } from "../../scheduling/parse";
import { draftActions } from "./draft-actions";
import type { SchedulingFeatureDeps } from "./deps";
import { createDraftStore } from "./draft-store";
import { rescheduleActions } from "./reschedule-actions";
import { startDraft } from "./start-draft";
import { schedulingTranslator } from "./strings";
import { localeOf, messageText, timeZoneOf } from "./turn-info";
import { meetingActions, upcomingCard } from "./upcoming";

export type { SchedulingFeatureDeps } from "./deps";

/** The words that make a message a scheduling request in each language we speak. */
const SCHEDULE_WORDS = /(^|[\s,.!?、。])(schedule|boka|planla)(\s|$|[,.!?])|予約/i;

export function createSchedulingFeature(deps: SchedulingFeatureDeps): BotFeature {
  const drafts = createDraftStore(deps.store.keyValues);
  const now = deps.now ?? (() => new Date());

  const guarded = (what: string, run: (ctx: CommandContext, user: NonNullable<ReturnType<typeof userFromActivity>>) => Promise<void>) => async (ctx: CommandContext) => {
    const user = userFromActivity(ctx.turn.activity);
    if (!user) return void (await ctx.turn.sendActivity(ctx.t("error.noUser")));
    try {
      await run(ctx, user);
    } catch (error) {
      deps.logger.error({ err: error, tenantId: user.tenantId, command: what }, "scheduling command failed");
      await ctx.turn.sendActivity(what === "upcoming" ? schedulingTranslator(localeOf(ctx.turn))("upcoming.failed") : ctx.t("error.generic"));
    }
  };

  const scheduleFrom = (ctx: CommandContext, user: NonNullable<ReturnType<typeof userFromActivity>>): Promise<void> =>
    startDraft(deps, drafts, ctx.turn, user, { text: messageText(ctx.turn), locale: localeOf(ctx.turn), timeZone: timeZoneOf(ctx.turn) }, ctx.t).then(async (card) => {
      await ctx.turn.sendActivity(MessageFactory.attachment(card));
    });

  const showUpcoming = guarded("upcoming", async (ctx, user) => {
    await ctx.turn.sendActivity(MessageFactory.attachment(await upcomingCard(deps, user, localeOf(ctx.turn), timeZoneOf(ctx.turn))));
  });

  const commands: BotCommand[] = [
    { name: "schedule", triggers: ["schedule", "boka", "予約", "planla"], run: guarded("schedule", scheduleFrom) },
    { name: "upcoming", triggers: ["upcoming", "kommande", "今後の予定", "yaklaşan"], run: showUpcoming },
    // "cancel" alone lists what can be cancelled; each row's Cancel asks to confirm.
    { name: "cancel", triggers: ["cancel", "avboka", "キャンセル", "iptal"], run: showUpcoming },
  ];

  async function fallback(ctx: CommandContext): Promise<boolean> {
    const text = messageText(ctx.turn);
    if (!looksLikeRequest(text, localeOf(ctx.turn), timeZoneOf(ctx.turn), now())) return false;
    await guarded("schedule", scheduleFrom)(ctx);
    return true;
  }

  return { commands, cardActions: { ...draftActions(deps, drafts), ...meetingActions(deps), ...rescheduleActions(deps) }, fallback };
}

/** A scheduling verb anywhere, or a title with a date and a time ("Design review tomorrow 3pm"). */
export function looksLikeRequest(text: string, locale: string, timeZone: string, now: Date): boolean {
  if (text === "") return false;
  if (SCHEDULE_WORDS.test(text)) return true;
  const parsed = parseRequest(text, { locale, timeZone, now });
  return parsed.title !== null && parsed.date !== null && parsed.startTime !== null;
}

