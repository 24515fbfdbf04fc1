/**
 * Real webhook delivery over HTTP(S) with global fetch, behaving like Graph's notification
 * pipeline: changes to one notification URL that happen close together are sent in one POST
 * (`{"value":[…]}`); a non-2xx answer, a network error or an answer slower than the slow
 * threshold (Graph: ~3 s) counts as a failure and the batch is retried with exponential
 * backoff for up to a retry window (Graph: 4 h). Notifications of subscriptions that expired
 * or were deleted in the meantime are not delivered.
 */

export interface DeliveryOptions {
  /** How long changes gather before a POST. */
  batchWindowMs: number;
  /** An answer slower than this is a failure (the request is abandoned). */
  slowThresholdMs: number;
  /** First retry delay; doubles each time, capped at maxRetryDelayMs. */
  retryInitialMs: number;
  maxRetryDelayMs: number;
  /** Give up on a batch this long after its first attempt. */
  retryWindowMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  batchWindowMs: 100,
  slowThresholdMs: 3_000,
  retryInitialMs: 60_000,
  maxRetryDelayMs: 30 * 60_000,
  retryWindowMs: 4 * 3600_000,
};

export interface QueuedNotification {
  subscriptionId: string;
  payload: Record<string, unknown>;
}

export interface DeliveryAttempt {
  url: string;
  kind: "change" | "lifecycle";
  attempt: number;
  notifications: number;
  /** HTTP status, or "timeout"/"network" when there was none. */
  outcome: number | "timeout" | "network";
  ok: boolean;
  at: string;
}

interface Batch {
  url: string;
  kind: "change" | "lifecycle";
  items: QueuedNotification[];
  attempt: number;
  firstAttemptMs?: number;
}

export class Delivery {
  private readonly pending = new Map<string, Batch>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** POSTs currently waiting for an answer. */
  private fetching = 0;
  private idleWaiters: (() => void)[] = [];
  readonly attempts: DeliveryAttempt[] = [];
  private stopped = false;
  /** Bumped by stop(): a POST still in flight from before must not log or retry afterwards. */
  private generation = 0;

  constructor(
    private readonly options: DeliveryOptions,
    private readonly isActive: (subscriptionId: string) => boolean,
    private readonly now: () => Date,
  ) {}

  /** Queues a change notification; it leaves with whatever else reaches the same URL within the batch window. */
  enqueueChange(url: string, item: QueuedNotification): void {
    const key = `change|${url}`;
    const batch = this.pending.get(key);
    if (batch) {
      batch.items.push(item);
      return;
    }
    this.pending.set(key, { url, kind: "change", items: [item], attempt: 0 });
    this.later(this.options.batchWindowMs, () => {
      const b = this.pending.get(key);
      this.pending.delete(key);
      if (b) void this.send(b);
    });
  }

  /** Lifecycle notifications go out at once, on their own. */
  sendLifecycle(url: string, item: QueuedNotification): void {
    void this.send({ url, kind: "lifecycle", items: [item], attempt: 0 });
  }

  private later(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
      this.checkIdle();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private async send(batch: Batch): Promise<void> {
    if (this.stopped) return;
    // Lifecycle notifications are about the subscription's fate (e.g. subscriptionRemoved): always send them.
    const items = batch.kind === "change" ? batch.items.filter((i) => this.isActive(i.subscriptionId)) : batch.items;
    if (items.length === 0) return;
    batch.items = items;
    batch.attempt++;
    const startMs = this.now().getTime();
    batch.firstAttemptMs ??= startMs;
    const generation = this.generation;
    this.fetching++;
    let outcome: DeliveryAttempt["outcome"];
    try {
      const response = await fetch(batch.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ value: items.map((i) => i.payload) }),
        signal: AbortSignal.timeout(this.options.slowThresholdMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      outcome = response.status;
    } catch (error) {
      const name = (error as { name?: string }).name;
      outcome = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
    } finally {
      this.fetching--;
    }
    if (generation !== this.generation) return this.checkIdle();
    const ok = typeof outcome === "number" && outcome >= 200 && outcome < 300;
    this.attempts.push({ url: batch.url, kind: batch.kind, attempt: batch.attempt, notifications: items.length, outcome, ok, at: new Date().toISOString() });
    if (!ok && !this.stopped) {
      const delay = Math.min(this.options.retryInitialMs * 2 ** (batch.attempt - 1), this.options.maxRetryDelayMs);
      if (this.now().getTime() + delay - batch.firstAttemptMs <= this.options.retryWindowMs) this.later(delay, () => void this.send(batch));
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.fetching > 0 || this.timers.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once nothing is queued, scheduled for retry or in flight. */
  whenIdle(): Promise<void> {
    if (this.fetching === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops everything queued or scheduled (reset/close). */
  stop(): void {
    this.generation++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
    this.checkIdle();
  }

  restart(): void {
    this.stop();
    this.stopped = false;
    this.attempts.length = 0;
  }

  close(): void {
    this.stop();
    this.stopped = true;
  }
}
