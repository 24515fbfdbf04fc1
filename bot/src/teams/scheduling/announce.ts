/**
 * After a meeting is scheduled from a channel or group chat, one short card there says so, with
 * the join link. It is a proactive message to the conversation reference stored with the draft
 * (the invoke that scheduled may come much later, from another instance). Exactly once per draft:
 * an idempotency claim guards it against a double click.
 */
import { MessageFactory, type ConversationReference } from "botbuilder";
import type { SchedulingFeatureDeps } from "./deps";
import type { DraftRecord } from "./draft-store";
import { announceCard } from "./cards/outcome-cards";
import type { SchedulingTranslate } from "./strings";

const ANNOUNCE_CLAIM_TTL_MS = 5 * 60_000;

export async function announce(deps: SchedulingFeatureDeps, record: DraftRecord, st: SchedulingTranslate): Promise<void> {
  if (!record.conversation || !record.result || !deps.adapter) return;
  const { draft } = record;
  const key = `announce:${draft.organizer.tenantId}:${draft.organizer.userId}:${draft.id}`;
  const claim = await deps.store.idempotency.claim(key, ANNOUNCE_CLAIM_TTL_MS);
  if (claim.status !== "claimed") return;
  const card = announceCard(st, record.result, draft.locale, draft.organizer.displayName ?? draft.organizer.email ?? "");
  try {
    await deps.adapter.continueConversationAsync(deps.botAppId ?? "", record.conversation as Partial<ConversationReference>, async (context) => {
      await context.sendActivity(MessageFactory.attachment(card));
    });
    await deps.store.idempotency.complete(key, { announced: true });
  } catch (error) {
    await deps.store.idempotency.release(key);
    throw error;
  }
}
