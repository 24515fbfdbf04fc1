import { z } from "zod";
import { requestDelta } from "../../sandbox/common/request-counter";

/**
 * The calls the bot made to the sandbox between two moments, read from the emulators' own
 * request counters (not by patching fetch): Graph HTTP requests, the sub-requests inside its
 * `$batch` calls, Webex requests and identity (token) requests, each by method + route pattern.
 */
export interface EmulatorCalls {
  graph: Record<string, number>;
  webex: Record<string, number>;
  identity: Record<string, number>;
}

/** The counters as sandbox/serve.ts answers `GET /requests` (route → requests, cumulative). */
const Counts = z.record(z.string(), z.number().int().nonnegative());
export const EmulatorCallsSchema = z.object({ graph: Counts, webex: Counts, identity: Counts });

/** The emulators' counters now, wherever they run (`BenchSandbox.calls`). */
export function snapshotCalls(sandbox: { calls(): Promise<EmulatorCalls> }): Promise<EmulatorCalls> {
  return sandbox.calls();
}

export function callsBetween(before: EmulatorCalls, after: EmulatorCalls): EmulatorCalls {
  return { graph: requestDelta(before.graph, after.graph), webex: requestDelta(before.webex, after.webex), identity: requestDelta(before.identity, after.identity) };
}

const BATCH_PREFIX = "$batch: ";

/** Requests on the wire: Graph sub-requests travel inside a `POST /$batch`, so they are not counted here. */
export function wireCount(calls: Record<string, number>): number {
  return Object.entries(calls).reduce((n, [key, v]) => (key.startsWith(BATCH_PREFIX) ? n : n + v), 0);
}

/** Sub-requests carried inside Graph `$batch` calls. */
export function batchedCount(calls: Record<string, number>): number {
  return Object.entries(calls).reduce((n, [key, v]) => (key.startsWith(BATCH_PREFIX) ? n + v : n), 0);
}

/** Sums per-sample call maps and divides by the sample count: the average calls per sample, by route. */
export function averageCalls(samples: readonly EmulatorCalls[]): EmulatorCalls {
  const sum = (pick: (c: EmulatorCalls) => Record<string, number>): Record<string, number> => {
    const total: Record<string, number> = {};
    for (const s of samples) for (const [k, v] of Object.entries(pick(s))) total[k] = (total[k] ?? 0) + v;
    return Object.fromEntries(Object.entries(total).map(([k, v]) => [k, v / Math.max(1, samples.length)]));
  };
  return { graph: sum((c) => c.graph), webex: sum((c) => c.webex), identity: sum((c) => c.identity) };
}

/** `GET /users 1, $batch: GET /users 2` — keys sorted, counts rounded to 2 decimals, or "none". */
export function formatCalls(calls: Record<string, number>): string {
  const entries = Object.entries(calls).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return "none";
  return entries.map(([k, v]) => `${k} ×${Number.isInteger(v) ? v : v.toFixed(2)}`).join(", ");
}
