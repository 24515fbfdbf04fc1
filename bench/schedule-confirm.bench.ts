import { defineBenchmark } from "./harness/benchmark";
import { formatDuration, formatRatio } from "./harness/table";
import { averageCalls, batchedCount, callsBetween, formatCalls, snapshotCalls, wireCount, type EmulatorCalls } from "./support/emulator-calls";
import { cardText, draftTurn, echoTurn, invokeTurn, startSandboxedBots, type SandboxedBots } from "./support/sandboxed-bot";

/**
 * The second performance item: pressing Schedule on a fresh draft (the `draft.schedule`
 * Action.Execute invoke) until the invoke response arrives — by then the Webex meeting and the
 * Outlook event are written. Each sample confirms its own draft, made untimed after the previous
 * sample's clock stopped. Baseline: the bare echo bot's turn, so the ratio reads "a confirm costs
 * this many bare turns". Per meeting, the calls the emulators answered are counted by the
 * emulators themselves (no fetch patching) and checked against the target: 1 Webex create,
 * 1 Graph create, ≤ 1 look-up per invitee name, batched. The emulators run in a child process
 * unless `--sandbox in-process` (see support/bench-sandbox.ts).
 */

const TEXT = "schedule Design review with Aiko and Lars tomorrow 3pm for 45 min";
const INVITEE_NAMES = 2; // Aiko, Lars (Lars organises, so only Aiko is invited)

interface Context {
  bots: SandboxedBots;
  /** The draft the next subject sample confirms, and the counters right after it was made. */
  next: { draftId: string; calls: EmulatorCalls };
  /** Per meeting: the calls the confirm made, and the calls its draft turn made. */
  confirms: EmulatorCalls[];
  drafts: EmulatorCalls[];
}

/** A fresh draft, untimed; the counters are read after it so the confirm's delta is the confirm alone. */
async function prepare(context: Pick<Context, "bots" | "drafts">): Promise<Context["next"]> {
  const before = await snapshotCalls(context.bots.sandbox);
  const { draftId } = await draftTurn(context.bots, TEXT);
  // Every sample creates a meeting for Lars at the same time; the emulator's 24-hour creation quota
  // (800 per host scheduled by an admin) would otherwise end a 1000-sample run. Not a call, not timed.
  await context.bots.sandbox.clearWebexQuota();
  const calls = await snapshotCalls(context.bots.sandbox);
  context.drafts.push(callsBetween(before, calls));
  return { draftId, calls };
}

const sum = (calls: Record<string, number>, match: (key: string) => boolean): number => Object.entries(calls).reduce((n, [k, v]) => (match(k) ? n + v : n), 0);

export default defineBenchmark<Context>({
  name: "schedule-confirm",
  subjectLabel: "Schedule pressed on a fresh draft (draft.schedule invoke → invoke response; Webex meeting + Outlook event written in the sandbox)",
  baselineLabel: "bare botbuilder echo bot's turn (the same message echoed to the connector)",

  async setup() {
    const bots = await startSandboxedBots();
    try {
      const partial = { bots, drafts: [] as EmulatorCalls[] };
      // Measure what we claim: the confirm schedules (a Join link), and the echo echoes.
      const first = await prepare(partial);
      const meetings = await bots.sandbox.webexMeetingCount();
      const { card } = await invokeTurn(bots, "draft.schedule", { draftId: first.draftId });
      if (!cardText(card).includes("Scheduled.") || (await bots.sandbox.webexMeetingCount()) !== meetings + 1) {
        throw new Error(`pressing Schedule did not schedule: ${JSON.stringify(card).slice(0, 300)}`);
      }
      await echoTurn(bots, TEXT);
      const context: Context = { bots, next: first, confirms: [], drafts: partial.drafts };
      context.confirms.push(callsBetween(first.calls, await snapshotCalls(bots.sandbox)));
      context.next = await prepare(context);
      return context;
    } catch (error) {
      await bots.close();
      throw error;
    }
  },

  async subject(context) {
    const { stoppedAt, card } = await invokeTurn(context.bots, "draft.schedule", { draftId: context.next.draftId });
    // Untimed from here: the clock stopped when the invoke response arrived.
    if (!cardText(card).includes("Scheduled.")) throw new Error(`pressing Schedule did not schedule: ${JSON.stringify(card).slice(0, 300)}`);
    context.confirms.push(callsBetween(context.next.calls, await snapshotCalls(context.bots.sandbox)));
    context.next = await prepare(context);
    return stoppedAt;
  },

  baseline: (context) => echoTurn(context.bots, TEXT),

  notes(context, measured) {
    const meetings = context.confirms.length;
    const confirm = averageCalls(context.confirms);
    // The setup's first draft pays for tokens and cold caches; the look-ups are the steady state.
    const draft = averageCalls(context.drafts.slice(1));
    const webexCreates = sum(confirm.webex, (k) => k === "POST /v1/meetings");
    const graphCreates = sum(confirm.graph, (k) => /^(\$batch: )?POST \/users\/:userId\/events$/.test(k));
    const lookups = sum(draft.graph, (k) => k === "$batch: GET /users") + sum(confirm.graph, (k) => k.endsWith("GET /users"));
    const unbatched = sum(draft.graph, (k) => k === "GET /users") + sum(confirm.graph, (k) => k === "GET /users");
    const webexTotal = wireCount(confirm.webex);
    const graphTotal = wireCount(confirm.graph);
    const met = webexCreates === 1 && webexTotal === 1 && graphCreates === 1 && lookups <= INVITEE_NAMES && unbatched === 0;
    return [
      `emulators (identity, Graph, Webex): ${context.bots.sandbox.placement === "child-process" ? "in a child process, like the remote services" : "in the bench process (--sandbox in-process)"}`,
      `p50 ${formatDuration(measured.subject.medianNs)}, p95 ${formatDuration(measured.subject.p95Ns)} per confirm = ${formatRatio(measured.ratio.median)} a bare echo turn (p95 ${formatRatio(measured.ratio.p95)})`,
      `calls per meeting, the confirm (mean of ${meetings}, warm-up included): Graph ${graphTotal.toFixed(2)} [${formatCalls(confirm.graph)}]; Webex ${webexTotal.toFixed(2)} [${formatCalls(confirm.webex)}]; identity/token ${wireCount(confirm.identity).toFixed(2)} [${formatCalls(confirm.identity)}]`,
      `calls per meeting, its draft turn (mean of ${Math.max(0, context.drafts.length - 1)} after the first): Graph ${wireCount(draft.graph).toFixed(2)} on the wire, ${batchedCount(draft.graph).toFixed(2)} inside $batch [${formatCalls(draft.graph)}]; Webex ${formatCalls(draft.webex)}; identity/token ${formatCalls(draft.identity)}`,
      `target: 1 Webex create + 1 Graph create + ≤ 1 look-up per invitee name, batched — measured ${webexCreates.toFixed(2)} Webex create (${webexTotal.toFixed(2)} Webex calls), ${graphCreates.toFixed(2)} Graph create, ${lookups.toFixed(2)} look-ups for ${INVITEE_NAMES} names (${unbatched.toFixed(2)} unbatched) — ${met ? "MET" : "NOT MET"}`,
    ];
  },

  teardown: (context) => context.bots.close(),
});
