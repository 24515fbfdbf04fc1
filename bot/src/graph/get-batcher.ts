import type { Client } from "@microsoft/microsoft-graph-client";
import { graphBatch, type BatchRequest, type GraphBatchOptions } from "./batch";

/**
 * Coalesces the Graph GETs started in the same turn of the event loop into one `POST /$batch`
 * (graph/batch.ts: ≤ 20 per request, chunks in parallel up to its concurrency cap, throttled
 * sub-requests retried). Resolving several invitee names therefore costs one round trip, not one
 * per name. A lone request goes directly, and absolute URLs (`@odata.nextLink`) always do —
 * Graph refuses absolute URLs inside a batch. https://learn.microsoft.com/graph/json-batching
 */
export interface GetBatcher {
  /** `url` relative to the version ("/users?$top=5", already percent-encoded) or an absolute nextLink. */
  get(url: string, headers?: Record<string, string>): Promise<unknown>;
}

/** A refused Graph call, the same whether it went alone or inside a batch. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GraphRequestError";
  }
}

interface Queued {
  request: BatchRequest;
  resolve: (body: unknown) => void;
  reject: (error: unknown) => void;
}

export function createGetBatcher(client: Client, options: GraphBatchOptions = {}): GetBatcher {
  let queue: Queued[] = [];
  let sequence = 0;

  const direct = async (url: string, headers: Record<string, string> | undefined): Promise<unknown> => {
    try {
      return await client.api(url).headers(headers ?? {}).get();
    } catch (error) {
      throw asRequestError(error);
    }
  };

  const flush = async (): Promise<void> => {
    const batch = queue;
    queue = [];
    if (batch.length === 1) {
      const only = batch[0]!;
      await direct(only.request.url, only.request.headers).then(only.resolve, only.reject);
      return;
    }
    try {
      const results = await graphBatch(client, batch.map((q) => q.request), options);
      for (const q of batch) {
        const r = results.get(q.request.id)!;
        if (r.status >= 200 && r.status < 300) q.resolve(r.body);
        else q.reject(fromErrorBody(r.status, r.body));
      }
    } catch (error) {
      for (const q of batch) q.reject(error);
    }
  };

  return {
    get(url, headers) {
      if (/^https?:/i.test(url)) return direct(url, headers);
      return new Promise((resolve, reject) => {
        // setImmediate, not a microtask: look-ups that start once earlier answers arrive in the
        // same turn (every name's fallback after one batch of searches) still share a batch.
        if (queue.length === 0) setImmediate(() => void flush());
        sequence += 1;
        queue.push({ request: { id: String(sequence), method: "GET", url, ...(headers ? { headers } : {}) }, resolve, reject });
      });
    },
  };
}

/** Graph's error body: {"error":{"code","message",…}} (https://learn.microsoft.com/graph/errors). */
function fromErrorBody(status: number, body: unknown): GraphRequestError {
  const error = typeof body === "object" && body !== null ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  const code = typeof error?.code === "string" ? error.code : undefined;
  const message = typeof error?.message === "string" ? error.message : `Graph answered ${status}`;
  return new GraphRequestError(status, code, message);
}

/** The SDK's GraphError carries statusCode and code; anything else (network) keeps status 0. */
function asRequestError(error: unknown): GraphRequestError {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  const status = typeof e?.statusCode === "number" ? e.statusCode : 0;
  const code = typeof e?.code === "string" ? e.code : undefined;
  return new GraphRequestError(status, code, typeof e?.message === "string" ? e.message : "Graph request failed", { cause: error });
}
