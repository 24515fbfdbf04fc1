import { GraphError } from "./errors";

/**
 * Outlook's per app-and-mailbox limits: 4 concurrent requests and 10 000 requests per 10
 * minutes. Exceeding either is a 429 `ApplicationThrottled` with Retry-After.
 */
export interface MailboxLimitOptions {
  concurrency: number;
  requestsPerWindow: number;
  windowMs: number;
  now: () => Date;
}

export class MailboxLimits {
  private readonly inFlight = new Map<string, number>();
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly options: MailboxLimitOptions) {}

  /** Takes a slot or throws the 429; call the returned function when the request is done. */
  enter(appId: string, mailboxId: string): () => void {
    const key = `${appId}|${mailboxId.toLowerCase()}`;
    const now = this.options.now().getTime();
    const stamps = (this.windows.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (stamps.length >= this.options.requestsPerWindow) {
      const retry = Math.max(1, Math.ceil((stamps[0]! + this.options.windowMs - now) / 1000));
      this.windows.set(key, stamps);
      throw new GraphError(429, "ApplicationThrottled", "Application is over its MailboxRequests limit.", { "retry-after": String(retry) });
    }
    const current = this.inFlight.get(key) ?? 0;
    if (current >= this.options.concurrency) {
      throw new GraphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", { "retry-after": "1" });
    }
    stamps.push(now);
    this.windows.set(key, stamps);
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.inFlight.get(key) ?? 1) - 1;
      if (n <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, n);
    };
  }

  reset(): void {
    this.inFlight.clear();
    this.windows.clear();
  }
}
