// A durable job queue on the database, shaped after graphile-worker (src/sql/getJobs.ts,
// failJobs.ts, job-key.md): claim with FOR UPDATE SKIP LOCKED on PostgreSQL (one IMMEDIATE
// transaction on SQLite), attempts counted at claim time so that a job that crashes its worker
// still runs out of attempts, exponential backoff, completion guarded by locked_by, and dead
// jobs kept for inspection. Jobs run at least once: handlers must be idempotent.
import type { EnqueueJob, JobRecord } from "../records";
import type { Clock, JobQueue, JobQueueOptions } from "../types";
import { parseFirst, parseRows, toJsonText } from "../sql/codecs";
import { placeholders, stmt, type Dialect, type SqlExecutor, type TxProgram } from "../sql/executor";
import { describeError, JOB_COLUMNS, jobRow } from "./job-rows";

const DEFAULTS: Required<JobQueueOptions> = {
  staleLockMs: 5 * 60_000,
  backoffCapMs: 60 * 60_000,
  defaultMaxAttempts: 10,
};

export function createJobQueue(db: SqlExecutor, now: Clock, options: JobQueueOptions = {}): JobQueue {
  const config = { ...DEFAULTS, ...options };

  async function get(jobId: number): Promise<JobRecord | undefined> {
    const { rows } = await db.query(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [jobId]);
    return parseFirst(jobRow, rows);
  }

  return {
    get,

    async enqueue(job) {
      const maxAttempts = job.maxAttempts ?? config.defaultMaxAttempts;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError("maxAttempts must be ≥ 1");
      return db.transaction(() => enqueueProgram(job, maxAttempts, now()));
    },

    async claim(workerId, { kinds, limit = 1 } = {}) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError("claim limit must be a positive integer");
      if (kinds !== undefined && kinds.length === 0) return [];
      const at = now();
      const staleBefore = new Date(at.getTime() - config.staleLockMs);
      const claimed = await db.transaction(() =>
        claimProgram(db.dialect, { workerId, kinds, limit, at, staleBefore, staleLockMs: config.staleLockMs }),
      );
      return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
    },

    async complete(jobId, workerId) {
      const { rowCount } = await db.query("DELETE FROM jobs WHERE id = $1 AND locked_by = $2", [jobId, workerId]);
      return rowCount > 0;
    },

    async fail(jobId, workerId, error) {
      const current = await get(jobId);
      if (current === undefined || current.lockedBy !== workerId || current.deadAt !== null) return undefined;
      const at = now();
      const dead = current.attempts >= current.maxAttempts;
      const delayMs = Math.min(2 ** current.attempts * 1000, config.backoffCapMs);
      // Guarded by locked_by and attempts: if the lock went stale and was reclaimed meanwhile, nothing changes.
      const { rows } = await db.query(
        `UPDATE jobs SET locked_by = NULL, locked_at = NULL, last_error = $3, run_at = $4, dead_at = $5, updated_at = $6
         WHERE id = $1 AND locked_by = $2 AND attempts = $7
         RETURNING ${JOB_COLUMNS}`,
        [
          jobId,
          workerId,
          describeError(error),
          dead ? current.runAt : new Date(at.getTime() + delayMs),
          dead ? at : null,
          at,
          current.attempts,
        ],
      );
      return parseFirst(jobRow, rows);
    },

    async list({ state, kind, limit = 100 } = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (state === "queued") where.push("dead_at IS NULL AND locked_at IS NULL");
      if (state === "running") where.push("dead_at IS NULL AND locked_at IS NOT NULL");
      if (state === "dead") where.push("dead_at IS NOT NULL");
      if (kind !== undefined) {
        params.push(kind);
        where.push(`kind = $${params.length}`);
      }
      params.push(limit);
      const { rows } = await db.query(
        `SELECT ${JOB_COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY id LIMIT $${params.length}`,
        params,
      );
      return parseRows(jobRow, rows);
    },

    async retryDead(jobId) {
      const at = now();
      const { rowCount } = await db.query(
        `UPDATE jobs SET dead_at = NULL, attempts = 0, run_at = $2, updated_at = $2
         WHERE id = $1 AND dead_at IS NOT NULL`,
        [jobId, at],
      );
      return rowCount > 0;
    },

    // A graceful stop hands jobs back without using up the attempt the claim counted.
    async unlockWorker(workerId) {
      const { rowCount } = await db.query(
        `UPDATE jobs SET locked_by = NULL, locked_at = NULL, updated_at = $2,
           attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
         WHERE locked_by = $1`,
        [workerId, now()],
      );
      return rowCount;
    },
  };
}

function* enqueueProgram(job: EnqueueJob, maxAttempts: number, at: Date): TxProgram<JobRecord> {
  const values = [job.kind, toJsonText(job.payload), job.runAt ?? at, maxAttempts, at];
  if (job.key === undefined) {
    const { rows } = yield stmt(
      `INSERT INTO jobs (kind, payload, run_at, max_attempts, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 0, $5, $5) RETURNING ${JOB_COLUMNS}`,
      values,
    );
    return jobRow.parse(rows[0]);
  }
  for (let round = 0; round < 3; round++) {
    const { rows } = yield stmt(
      `INSERT INTO jobs (kind, payload, run_at, max_attempts, attempts, created_at, updated_at, job_key)
       VALUES ($1, $2, $3, $4, 0, $5, $5, $6)
       ON CONFLICT (job_key) DO UPDATE SET
         kind = excluded.kind, payload = excluded.payload, run_at = excluded.run_at,
         max_attempts = excluded.max_attempts, attempts = 0, last_error = NULL, dead_at = NULL,
         updated_at = excluded.updated_at
       WHERE jobs.locked_at IS NULL
       RETURNING ${JOB_COLUMNS}`,
      [...values, job.key],
    );
    const merged = rows[0];
    if (merged !== undefined) return jobRow.parse(merged);
    // The key's holder is already running on older information: it keeps running but gives up
    // the key and its retries, and the new payload becomes a job of its own on the next round.
    yield stmt("UPDATE jobs SET job_key = NULL, max_attempts = attempts, updated_at = $2 WHERE job_key = $1", [
      job.key,
      at,
    ]);
  }
  throw new Error(`could not enqueue job with key ${JSON.stringify(job.key)}: it stayed locked`);
}

interface ClaimArgs {
  workerId: string;
  kinds: readonly string[] | undefined;
  limit: number;
  at: Date;
  staleBefore: Date;
  staleLockMs: number;
}

function* claimProgram(dialect: Dialect, a: ClaimArgs): TxProgram<JobRecord[]> {
  // A crashed worker's job that has no attempt left is dead rather than reclaimed forever.
  yield stmt(
    `UPDATE jobs SET dead_at = $1, locked_by = NULL, locked_at = NULL, updated_at = $1, last_error = $3
     WHERE dead_at IS NULL AND locked_at <= $2 AND attempts >= max_attempts`,
    [a.at, a.staleBefore, `worker lock older than ${a.staleLockMs} ms on the last attempt (worker crashed?)`],
  );
  const kindFilter = a.kinds === undefined ? "" : `AND kind IN (${placeholders(5, a.kinds.length)})`;
  const due = `dead_at IS NULL AND run_at <= $1 AND attempts < max_attempts
    AND (locked_at IS NULL OR locked_at <= $2) ${kindFilter}`;
  const lock = "locked_by = $3, locked_at = $1, attempts = attempts + 1, updated_at = $1";
  const text =
    dialect === "postgres"
      ? `WITH picked AS (
           SELECT id AS picked_id FROM jobs WHERE ${due} ORDER BY run_at, id LIMIT $4 FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs SET ${lock} FROM picked WHERE jobs.id = picked.picked_id RETURNING ${JOB_COLUMNS}`
      : `UPDATE jobs SET ${lock}
         WHERE id IN (SELECT id FROM jobs WHERE ${due} ORDER BY run_at, id LIMIT $4)
         RETURNING ${JOB_COLUMNS}`;
  const { rows } = yield stmt(text, [a.at, a.staleBefore, a.workerId, a.limit, ...(a.kinds ?? [])]);
  return parseRows(jobRow, rows);
}
