/**
 * The failures schedule() and cancelMeeting() report, typed so the card layer can say what
 * happened in the user's language ("Microsoft 365 is busy… the Webex meeting was removed too")
 * while the log keeps the cause. Nothing here is localised.
 */
import type { DraftProblem } from "./validate";

export type ScheduleErrorKind = "calendar-failed" | "webex-failed" | "invalid" | "in-progress";

export interface ScheduleErrorDetails {
  cause?: unknown;
  /** invalid: what to highlight on the card. */
  problems?: DraftProblem[];
  /** calendar-failed: whether the Webex meeting created before was deleted again. */
  webexCleanup?: "deleted" | "failed";
  /** in-progress: when the other attempt's claim lapses (a retry after this may take over). */
  claimExpiresAt?: Date;
}

export class ScheduleError extends Error {
  readonly kind: ScheduleErrorKind;
  /** Graph's request-id or Webex's trackingId of the failed call, for support. */
  readonly requestId: string | undefined;
  /** HTTP status of the failed call when the gateway reported one (429/503 → "busy"). */
  readonly status: number | undefined;
  readonly problems: DraftProblem[];
  readonly webexCleanup: "deleted" | "failed" | undefined;
  readonly claimExpiresAt: Date | undefined;

  constructor(kind: ScheduleErrorKind, message: string, details: ScheduleErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "ScheduleError";
    this.kind = kind;
    this.requestId = requestIdOf(details.cause);
    this.status = statusOf(details.cause);
    this.problems = details.problems ?? [];
    this.webexCleanup = details.webexCleanup;
    this.claimExpiresAt = details.claimExpiresAt;
  }
}

export type CancelErrorKind = "calendar-failed" | "webex-failed";

export class CancelError extends Error {
  readonly kind: CancelErrorKind;
  readonly requestId: string | undefined;
  readonly status: number | undefined;

  constructor(kind: CancelErrorKind, message: string, cause: unknown) {
    super(message, { cause });
    this.name = "CancelError";
    this.kind = kind;
    this.requestId = requestIdOf(cause);
    this.status = statusOf(cause);
  }
}

// Gateways' errors are read structurally (the domain imports no gateway): the Graph SDK's
// GraphError has requestId/statusCode, our WebexError trackingId/status. A wrapped error is
// looked through via `cause`, a few levels deep.
function findOnChain<T>(error: unknown, pick: (e: Record<string, unknown>) => T | undefined): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const found = pick(current as Record<string, unknown>);
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function requestIdOf(error: unknown): string | undefined {
  return findOnChain(error, (e) => {
    for (const key of ["requestId", "trackingId"]) {
      const v = e[key];
      if (typeof v === "string" && v !== "") return v;
    }
    return undefined;
  });
}

export function statusOf(error: unknown): number | undefined {
  return findOnChain(error, (e) => {
    for (const key of ["statusCode", "status"]) {
      const v = e[key];
      if (typeof v === "number" && Number.isInteger(v) && v >= 100 && v <= 599) return v;
    }
    return undefined;
  });
}
