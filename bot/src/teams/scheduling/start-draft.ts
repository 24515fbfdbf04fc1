/**
 * A request in words becomes a draft card: the organizer must be ready (else the account card,
 * with the request kept for Continue), the text is parsed in their locale and zone, the people
 * it names are resolved as the tenant's mode allows, and the draft is stored under a fresh id.
 */
import { randomUUID } from "node:crypto";
import type { Attachment, TurnContext } from "botbuilder";
import type { AccountStatus, UserRef } from "../../accounts/types";
import { resolveInvitees, type ResolvedInvitees } from "../../directory/invitees";
import { createGraphInviteePorts } from "../../graph/invitee-ports";
import { readUserDelta } from "../../graph/users-delta";
import { parseRequest, type ParsedRequest } from "../../scheduling/parse";
import type { MeetingDraft } from "../../scheduling/types";
import { accountCard } from "../cards/account-card";
import type { Translate } from "../i18n";
import { draftCard } from "./cards/draft-card";
import type { SchedulingFeatureDeps } from "./deps";
import type { DraftRecord, DraftStore, FlaggedField, PendingRequest } from "./draft-store";
import { schedulingTranslator } from "./strings";
import { conversationReferenceOf, rosterOf } from "./turn-info";

export const CONTINUE_VERB = "draft.continue";

/** Without a duration in the request the card starts at half an hour (editable, not flagged). */
export const DEFAULT_DURATION_MINUTES = 30;

export async function startDraft(deps: SchedulingFeatureDeps, drafts: DraftStore, turn: TurnContext, user: UserRef, request: PendingRequest, t: Translate): Promise<Attachment> {
  const st = schedulingTranslator(request.locale);
  const status = await deps.accounts.service.quickStatus(user);
  if (status.steps.length > 0 || status.match?.kind !== "matched") {
    await drafts.keepRequest(user, request);
    return withContinue(accountCard(t, status), st("pending.kept", { text: request.text }), st("pending.continue"));
  }
  const graph = await deps.accounts.microsoft.graphFor(user);
  const now = (deps.now ?? (() => new Date()))();
  const parsed = parseRequest(request.text, { locale: request.locale, timeZone: request.timeZone, now });
  const [roster, verifiedDomains] = await Promise.all([
    rosterOf(turn, deps.logger),
    deps.accounts.service.verifiedDomains(user).catch((error: unknown) => {
      deps.logger.warn({ err: error, tenantId: user.tenantId }, "could not read the verified domains; typed addresses count as guests");
      return [] as string[];
    }),
  ]);
  const organizerEmail = status.user.userPrincipalName;
  const live = createGraphInviteePorts(graph);
  // The directory copy needs User.Read.All, which only tenant mode holds.
  const ports = graph.mode === "tenant" && deps.directory ? deps.directory.inviteePorts(user.tenantId, live, { read: (from) => readUserDelta(graph.client, from) }) : live;
  const resolved = await resolveInvitees(parsed.inviteeTexts, ports, {
    mode: graph.mode,
    organizerUserId: user.userId,
    verifiedDomains,
    ...(organizerEmail ? { organizerEmail } : {}),
    ...(roster ? { roster } : {}),
  });
  const record = recordFrom(parsed, resolved, draftOrganizer(status, user, turn), request, verifiedDomains);
  const reference = conversationReferenceOf(turn);
  if (reference) record.conversation = reference;
  await drafts.put(user, record);
  deps.logger.info({ draftId: record.draft.id, invitees: record.draft.invitees.length, questions: record.draft.unresolved.length, problems: parsed.problems.length }, "draft created");
  return draftCard(st, record);
}

function draftOrganizer(status: AccountStatus, user: UserRef, turn: TurnContext): MeetingDraft["organizer"] {
  const displayName = status.user.displayName ?? turn.activity.from?.name;
  const webexEmail = status.match?.kind === "matched" ? status.match.webexEmail : undefined;
  return {
    ...user,
    ...(displayName ? { displayName } : {}),
    ...(status.user.userPrincipalName ? { email: status.user.userPrincipalName } : {}),
    ...(webexEmail ? { webexEmail } : {}),
  };
}

function recordFrom(parsed: ParsedRequest, resolved: ResolvedInvitees, organizer: MeetingDraft["organizer"], request: PendingRequest, verifiedDomains: string[]): DraftRecord {
  const flagged = new Set<FlaggedField>();
  for (const p of parsed.problems) {
    if (p.field === "date") flagged.add("date");
    if (p.field === "time") flagged.add("startTime");
    if (p.field === "duration") flagged.add("durationMinutes");
    if (p.field === "recurrence") flagged.add("recurrence");
  }
  // Something that looked like a date but could not be read leaves the time unknown too.
  if (flagged.has("date") && parsed.startTime === null) flagged.add("startTime");
  const durationUnread = flagged.has("durationMinutes");
  const draft: MeetingDraft = {
    id: randomUUID(),
    organizer,
    title: parsed.title,
    date: parsed.date,
    startTime: parsed.startTime,
    durationMinutes: parsed.durationMinutes ?? (durationUnread ? null : DEFAULT_DURATION_MINUTES),
    timeZone: request.timeZone,
    recurrence: parsed.recurrence,
    agenda: parsed.agenda ?? "",
    invitees: resolved.invitees,
    unresolved: resolved.unresolved.filter((u) => u.reason === "ambiguous" && (u.candidates?.length ?? 0) > 0),
    locale: request.locale,
  };
  // A question without candidates cannot be answered by a choice: it is explained instead.
  const skipped = resolved.unresolved.filter((u) => !(u.reason === "ambiguous" && (u.candidates?.length ?? 0) > 0));
  return { draft, skipped, suggestions: resolved.suggestions, notices: resolved.notices, flagged: [...flagged], verifiedDomains };
}

/** The account card with the kept request and a Continue button under it. */
export function withContinue(card: Attachment, keptText: string, continueTitle: string): Attachment {
  const content = card.content as { body?: unknown[]; actions?: unknown[] };
  const continued = {
    ...content,
    body: [...(content.body ?? []), { type: "TextBlock", text: keptText, wrap: true, isSubtle: true, spacing: "Medium" }],
    actions: [...(content.actions ?? []), { type: "Action.Execute", title: continueTitle, verb: CONTINUE_VERB, data: {} }],
  };
  return { ...card, content: continued };
}
