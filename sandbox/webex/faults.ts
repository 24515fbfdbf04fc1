import { z } from "zod";
import { DAY_MS } from "./time";

/**
 * Injected faults and the meeting-creation quota.
 *
 * Faults are set through `POST /_sandbox/faults` and consumed by the next matching calls:
 * a status (429 with Retry-After, 423, 5xx…) answered instead of the real handler, and/or a
 * latency added before it. The quota is Webex's documented one: a user may create 100
 * meetings per 24 hours; an admin (admin scopes) 3 000, at most 800 of them for one host.
 */

export const FaultSpec = z.object({
  /** HTTP method, or "*" for any. */
  method: z.string().default("*"),
  /** An exact path such as "/v1/meetings", or a prefix ending in "*" such as "/v1/meetings/*". */
  path: z.string().startsWith("/"),
  status: z.number().int().min(400).max(599).optional(),
  /** Seconds, sent as Retry-After (429 and 503). */
  retryAfter: z.number().int().min(0).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** How many matching calls the fault applies to. */
  count: z.number().int().min(1).default(1),
  message: z.string().optional(),
});
export type FaultSpec = z.infer<typeof FaultSpec>;

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

export class Faults {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const rule = { ...spec, method: spec.method.toUpperCase(), id: this.nextId++, remaining: spec.count };
    this.rules.push(rule);
    return rule;
  }

  /** The first live fault matching the call, its count decremented. */
  take(method: string, path: string): ActiveFault | undefined {
    const rule = this.rules.find((r) => (r.method === "*" || r.method === method) && pathMatches(r.path, path));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

export const QuotaLimits = z.object({
  perUser: z.number().int().min(0).default(100),
  perAdmin: z.number().int().min(0).default(3000),
  perHostViaAdmin: z.number().int().min(0).default(800),
  windowMs: z.number().int().min(1).default(DAY_MS),
});
export type QuotaLimits = z.infer<typeof QuotaLimits>;

export type QuotaCheck = { ok: true } | { ok: false; retryAfterSeconds: number; description: string };

export class CreationQuota {
  /** key → creation instants within the window */
  private readonly log = new Map<string, number[]>();

  constructor(private readonly now: () => number, public limits: QuotaLimits = QuotaLimits.parse({})) {}

  /** Whether `caller` may create one more meeting for `host` (admin: via admin scopes). */
  check(callerId: string, hostId: string, admin: boolean): QuotaCheck {
    const checks: [string, number, string][] = admin
      ? [[`admin:${callerId}`, this.limits.perAdmin, "per administrator"], [`host:${hostId}`, this.limits.perHostViaAdmin, "per host scheduled by an administrator"]]
      : [[`user:${callerId}`, this.limits.perUser, "per user"]];
    for (const [key, limit, what] of checks) {
      const times = this.recent(key);
      if (times.length >= limit) {
        const oldest = times[0] ?? this.now();
        const retryAfterSeconds = Math.max(1, Math.ceil((oldest + this.limits.windowMs - this.now()) / 1000));
        return { ok: false, retryAfterSeconds, description: `The limit of ${limit} meetings scheduled ${what} in 24 hours has been reached.` };
      }
    }
    return { ok: true };
  }

  record(callerId: string, hostId: string, admin: boolean): void {
    const keys = admin ? [`admin:${callerId}`, `host:${hostId}`] : [`user:${callerId}`];
    for (const key of keys) this.log.set(key, [...this.recent(key), this.now()]);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.log.get(key) ?? []).filter((t) => t > since);
  }

  clear(): void {
    this.log.clear();
  }
}
