import { z } from "zod";
import type { JobRecord } from "../records";
import { idColumn, intColumn, jsonTextColumn, nullableTimestampColumn, timestampColumn } from "../sql/codecs";

/** Unqualified so that it also works in `UPDATE … FROM picked … RETURNING` (picked has no clashing names). */
export const JOB_COLUMNS =
  "id, kind, CAST(payload AS TEXT) AS payload, job_key, run_at, attempts, max_attempts, last_error, " +
  "locked_by, locked_at, dead_at, created_at, updated_at";

export const jobRow = z
  .object({
    id: idColumn,
    kind: z.string(),
    payload: jsonTextColumn,
    job_key: z.string().nullable(),
    run_at: timestampColumn,
    attempts: intColumn,
    max_attempts: intColumn,
    last_error: z.string().nullable(),
    locked_by: z.string().nullable(),
    locked_at: nullableTimestampColumn,
    dead_at: nullableTimestampColumn,
    created_at: timestampColumn,
    updated_at: timestampColumn,
  })
  .transform(
    (r): JobRecord => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      key: r.job_key,
      runAt: r.run_at,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      lockedBy: r.locked_by,
      lockedAt: r.locked_at,
      deadAt: r.dead_at,
      state: r.dead_at !== null ? "dead" : r.locked_at !== null ? "running" : "queued",
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  );

const MAX_ERROR_LENGTH = 2000;

/** One line per error in the cause chain; no stack traces (they can be long and leak paths). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(`${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(typeof current === "string" ? current : safeStringify(current));
      current = undefined;
    }
  }
  const text = parts.join(" <- caused by ") || "unknown error";
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
