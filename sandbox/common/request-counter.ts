/**
 * How many requests an emulator answered, by method and route pattern (`GET /v1/people`,
 * `POST /users/:id/events`). Benchmarks and tests read it to count the calls a flow makes
 * without patching fetch: take a snapshot before, another after, and subtract. Cumulative from
 * start; `reset()` of an emulator leaves it alone, so deltas taken across a reset stay right.
 */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Every request counted so far. */
  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** A copy: key → count. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.counts.clear();
  }
}

/** What happened between two snapshots: key → requests (only keys that moved). */
export function requestDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0);
    if (d !== 0) delta[key] = d;
  }
  return delta;
}
