import type { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";

/**
 * JSON batching: many Graph calls in few round trips (the directory matching of a whole tenant,
 * invitee look-ups). Graph takes at most 20 requests per `POST /$batch` and answers each with its
 * own status, so throttling is per sub-request: a 429 inside a 200 batch is retried here, after
 * its Retry-After, in a smaller batch of only the throttled requests (the SDK's retry middleware
 * only sees the outer 200). https://learn.microsoft.com/graph/json-batching ·
 * https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling
 */

export const MAX_BATCH_SIZE = 20;

export interface BatchRequest {
  /** Unique within one graphBatch call; results are keyed by it. */
  id: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Relative to the version: "/users/{id}?$select=mail" — never "/v1.0/…" nor an absolute URL. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchResult {
  id: string;
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: unknown;
}

export interface GraphBatchOptions {
  /** Batches in flight at once. Default 4 (Outlook allows 4 concurrent requests per mailbox). */
  concurrency?: number;
  /** Rounds of retrying throttled sub-requests. Default 3; after that the 429 is the result. */
  maxRetries?: number;
  /** A longer Retry-After is not waited out: the 429 is the result. Default 30 s. */
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called before each POST /$batch (first tries and retries): for metrics and tests. */
  onChunk?: (chunk: { ids: string[]; attempt: number }) => void;
}

export class GraphBatchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GraphBatchError";
  }
}

/** The batch response: https://learn.microsoft.com/graph/json-batching#response-format */
const BatchResponseJson = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export async function graphBatch(client: Client, requests: readonly BatchRequest[], options: GraphBatchOptions = {}): Promise<Map<string, BatchResult>> {
  const seen = new Set<string>();
  for (const r of requests) {
    if (seen.has(r.id)) throw new GraphBatchError(`Batch request id "${r.id}" is repeated`);
    seen.add(r.id);
  }
  const prepared = requests.map(toWire);
  const chunks: WireRequest[][] = [];
  for (let i = 0; i < prepared.length; i += MAX_BATCH_SIZE) chunks.push(prepared.slice(i, i + MAX_BATCH_SIZE));

  const results = new Map<string, BatchResult>();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      for (const result of await runChunk(client, chunk, options)) results.set(result.id, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return results;
}

interface WireRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function toWire(r: BatchRequest): WireRequest {
  if (/^[a-z][a-z0-9+.-]*:/i.test(r.url)) throw new GraphBatchError(`Batch request "${r.id}": absolute URLs are refused by Graph; use a path like "/users/{id}"`);
  // Sub-request URLs are relative to the version: Graph answers "/v1.0/…" with 400 (the SDK's
  // BatchRequestContent keeps the prefix, hence this module).
  const url = `/${r.url.replace(/^\/+/, "").replace(/^(v1\.0|beta)\//i, "")}`;
  const headers = { ...(r.headers ?? {}) };
  // Graph refuses a sub-request body without its Content-Type.
  if (r.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  return { id: r.id, method: r.method, url, ...(Object.keys(headers).length > 0 ? { headers } : {}), ...(r.body !== undefined ? { body: r.body } : {}) };
}

async function runChunk(client: Client, chunk: WireRequest[], options: GraphBatchOptions): Promise<BatchResult[]> {
  const maxRetries = options.maxRetries ?? 3;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const done: BatchResult[] = [];
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    options.onChunk?.({ ids: pending.map((r) => r.id), attempt });
    const answered = await postBatch(client, pending);
    const retry: WireRequest[] = [];
    let wait = 0;
    for (const request of pending) {
      const result = answered.get(request.id);
      if (!result) throw new GraphBatchError(`Graph's batch response has no answer for request "${request.id}"`);
      const delay = result.status === 429 ? retryAfterMs(result.headers["retry-after"], attempt) : undefined;
      if (delay !== undefined && attempt < maxRetries && delay <= maxDelay) {
        retry.push(request);
        wait = Math.max(wait, delay);
      } else {
        done.push(result);
      }
    }
    if (retry.length > 0) await sleep(wait);
    pending = retry;
  }
  return done;
}

async function postBatch(client: Client, requests: WireRequest[]): Promise<Map<string, BatchResult>> {
  const parsed = BatchResponseJson.safeParse(await client.api("/$batch").post({ requests }));
  if (!parsed.success) throw new GraphBatchError("Graph's batch response has an unexpected shape", { cause: parsed.error });
  const out = new Map<string, BatchResult>();
  for (const r of parsed.data.responses) {
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    out.set(r.id, { id: r.id, status: r.status, headers, body: r.body });
  }
  return out;
}

/** Retry-After in seconds (Graph's form) or an HTTP date; without one, 1 s doubling. */
function retryAfterMs(header: string | undefined, attempt: number): number {
  if (header !== undefined) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return Math.min(1000 * 2 ** attempt, 16_000);
}
