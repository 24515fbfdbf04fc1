/**
 * The draft card's buttons. Each answers with the card to show in place: Check re-validates and
 * refreshes, Schedule merges the inputs and runs schedule() (idempotent per draft, here too: a
 * scheduled draft just shows its result again), Discard forgets the draft, Continue picks up a
 * request kept while the user was connecting.
 */
import type { AdaptiveCardInvokeResponse, Attachment } from "botbuilder";
import { ScheduleError } from "../../scheduling/errors";
import { schedule } from "../../scheduling/schedule";
import { scratchFromKeyValues } from "../../scheduling/store-adapters";
import type { ScheduledMeeting } from "../../scheduling/types";
import { validateDraft } from "../../scheduling/validate";
import { accountCard, textCard } from "../cards/account-card";
import { cardResponse, type CardActionContext, type CardActionHandler } from "../feature";
import { announce } from "./announce";
import { draftCard, inviteeLabel } from "./cards/draft-card";
import { noticeCard, scheduledCard, scheduleErrorText } from "./cards/outcome-cards";
import { isSignInRequired, portsFor, type SchedulingFeatureDeps } from "./deps";
import type { DraftRecord, DraftStore } from "./draft-store";
import { mergeInputs } from "./merge-inputs";
import { CONTINUE_VERB, startDraft } from "./start-draft";
import { schedulingTranslator, type SchedulingTranslate } from "./strings";
import { localeOf, timeZoneOf } from "./turn-info";

const answer = (card: Attachment): AdaptiveCardInvokeResponse => cardResponse(card.content as object);
/** How long a second press waits for the first one's schedule() to finish before saying so. */
const IN_PROGRESS_WAIT_MS = 15_000;
const IN_PROGRESS_POLL_MS = 250;

export function draftActions(deps: SchedulingFeatureDeps, drafts: DraftStore): Record<string, CardActionHandler> {
  const now = deps.now ?? (() => new Date());

  async function withDraft(ctx: CardActionContext, run: (record: DraftRecord, st: SchedulingTranslate) => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
    const draftId = typeof ctx.data.draftId === "string" ? ctx.data.draftId : undefined;
    if (!ctx.user) return answer(textCard(ctx.t("error.noUser")));
    const record = draftId ? await drafts.get(ctx.user, draftId) : undefined;
    if (!record) return answer(textCard(schedulingTranslator(localeOf(ctx.turn))("draft.gone")));
    // The card keeps the language it was drafted in.
    return run(record, schedulingTranslator(record.draft.locale));
  }

  const resultCard = (st: SchedulingTranslate, record: DraftRecord, result: ScheduledMeeting): Attachment =>
    scheduledCard(st, result, record.draft.locale, record.draft.invitees.map((i) => inviteeLabel(st, i)));

  const update: CardActionHandler = (ctx) =>
    withDraft(ctx, async (stored, st) => {
      if (stored.result) return answer(resultCard(st, stored, stored.result));
      const record = mergeInputs(stored, ctx.data);
      await drafts.put(ctx.user!, record);
      const validation = validateDraft(record.draft, { now: now() });
      return answer(draftCard(st, record, { problems: validation.ok ? [] : validation.problems }));
    });

  const scheduleAction: CardActionHandler = (ctx) =>
    withDraft(ctx, async (stored, st) => {
      if (stored.result) return answer(resultCard(st, stored, stored.result));
      const record = mergeInputs(stored, ctx.data);
      await drafts.put(ctx.user!, record);
      const user = ctx.user!;
      try {
        const ports = await portsFor(deps.accounts, user, record.draft.organizer.webexEmail);
        const scheduleDeps = {
          meetings: ports.meetings,
          calendar: ports.calendar,
          links: deps.store.eventLinks,
          idempotency: deps.store.idempotency,
          scratch: scratchFromKeyValues(deps.store.keyValues),
          now,
          logger: deps.logger,
        };
        const opts = ports.hostEmail ? { hostEmail: ports.hostEmail } : {};
        let result: ScheduledMeeting | undefined;
        const deadline = Date.now() + IN_PROGRESS_WAIT_MS;
        while (!result) {
          try {
            result = await schedule(scheduleDeps, record.draft, opts);
          } catch (error) {
            // A double click: the first press is still working. Its result is what both should show.
            if (!(error instanceof ScheduleError && error.kind === "in-progress" && Date.now() < deadline)) throw error;
            await new Promise((r) => setTimeout(r, IN_PROGRESS_POLL_MS));
          }
        }
        const done = { ...record, result };
        await drafts.put(user, done);
        await announce(deps, done, st).catch((error: unknown) => deps.logger.warn({ err: error, draftId: record.draft.id }, "could not announce the meeting in the channel"));
        return answer(resultCard(st, done, result));
      } catch (error) {
        if (error instanceof ScheduleError && error.kind === "invalid") return answer(draftCard(st, record, { problems: error.problems }));
        if (error instanceof ScheduleError) {
          deps.logger.warn({ err: error, kind: error.kind, draftId: record.draft.id, requestId: error.requestId }, "scheduling failed");
          return answer(draftCard(st, record, { banner: scheduleErrorText(st, error), reference: error.requestId ? st("error.reference", { id: error.requestId }) : "", retry: true }));
        }
        if (isSignInRequired(error)) return answer(accountCard(ctx.t, await deps.accounts.service.status(user)));
        deps.logger.error({ err: error, draftId: record.draft.id }, "scheduling failed unexpectedly");
        return answer(draftCard(st, record, { banner: st("error.unexpected"), retry: true }));
      }
    });

  const discard: CardActionHandler = (ctx) =>
    withDraft(ctx, async (record, st) => {
      if (record.result) return answer(resultCard(st, record, record.result));
      await drafts.delete(ctx.user!, record.draft.id);
      return answer(noticeCard(st("draft.discarded")));
    });

  const continueRequest: CardActionHandler = async (ctx) => {
    const st = schedulingTranslator(localeOf(ctx.turn));
    if (!ctx.user) return answer(textCard(ctx.t("error.noUser")));
    const request = await drafts.takeRequest(ctx.user);
    if (!request) return answer(noticeCard(st("pending.none")));
    const card = await startDraft(deps, drafts, ctx.turn, ctx.user, { ...request, timeZone: request.timeZone || timeZoneOf(ctx.turn) }, ctx.t);
    return answer(card);
  };

  return { "draft.update": update, "draft.schedule": scheduleAction, "draft.discard": discard, [CONTINUE_VERB]: continueRequest };
}

