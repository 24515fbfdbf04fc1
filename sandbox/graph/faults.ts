import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * Fault injection, so clients can be tested against what Graph does on a bad day: 429 with
 * Retry-After, 5xx, added latency and connections dropped mid-request. Faults come from rules
 * (POST /_sandbox/faults) matching method + path for the next N calls, or from a per-request
 * `x-sandbox-fault` header.
 */

export const FaultSpecSchema = z.object({
  status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  drop: z.boolean().optional(),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

export const FaultRuleInputSchema = z.object({
  /** Glob over the path below /v1.0: `*` one segment's characters, `**` anything. Case-insensitive. */
  path: z.string().min(1),
  method: z.string().optional(),
  /** How many matching calls to affect; omitted = 1, null = until cleared. */
  times: z.number().int().min(1).nullable().optional(),
  fault: FaultSpecSchema,
});
export type FaultRuleInput = z.infer<typeof FaultRuleInputSchema>;

export interface FaultRule {
  id: string;
  path: string;
  method?: string;
  remaining: number | null;
  fault: FaultSpec;
  hits: number;
  regex: RegExp;
}

function globToRegex(glob: string): RegExp {
  const escaped = glob
    .split("**")
    .map((part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${escaped}/?$`, "i");
}

export class Faults {
  private rules: FaultRule[] = [];

  add(input: FaultRuleInput): FaultRule {
    const path = input.path.startsWith("/") ? input.path : `/${input.path}`;
    const rule: FaultRule = {
      id: randomUUID(),
      path,
      method: input.method?.toUpperCase(),
      remaining: input.times === null ? null : (input.times ?? 1),
      fault: input.fault,
      hits: 0,
      regex: globToRegex(path),
    };
    this.rules.push(rule);
    return rule;
  }

  list(): Omit<FaultRule, "regex">[] {
    return this.rules.map(({ regex: _regex, ...rest }) => rest);
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this call, if a rule matches; consumes one of the rule's calls. */
  take(method: string, path: string): FaultSpec | undefined {
    const rule = this.rules.find((r) => (!r.method || r.method === method.toUpperCase()) && r.regex.test(path));
    if (!rule) return undefined;
    rule.hits++;
    if (rule.remaining !== null) {
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule.fault;
  }
}

/** `x-sandbox-fault: 429; retry-after=2` · `503` · `latency=500` · `drop` (parts joined by `;` or `,`). */
export function parseFaultHeader(value: string | undefined): FaultSpec | undefined {
  if (!value) return undefined;
  const spec: FaultSpec = {};
  for (const part of value.split(/[;,]/).map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    if (part === "drop") spec.drop = true;
    else if (/^\d{3}$/.test(part)) {
      const status = Number(part);
      if ([429, 500, 502, 503, 504].includes(status)) spec.status = status as FaultSpec["status"];
    } else if (part.startsWith("retry-after=")) spec.retryAfterSeconds = Number(part.slice(12)) || 0;
    else if (part.startsWith("latency=")) spec.latencyMs = Math.min(Number(part.slice(8)) || 0, 120_000);
  }
  return spec;
}

/** The error Graph sends for each injected status. */
export function faultError(status: number): { code: string; message: string } {
  switch (status) {
    case 429: return { code: "TooManyRequests", message: "Too many requests." };
    case 503: return { code: "serviceNotAvailable", message: "Service Unavailable" };
    case 504: return { code: "UnknownError", message: "Gateway Timeout" };
    case 502: return { code: "UnknownError", message: "Bad Gateway" };
    default: return { code: "generalException", message: "General exception while processing." };
  }
}
