import { z } from "zod";
import { jsonBody } from "./body";
import { GraphError } from "./errors";
import type { PipelineOutcome } from "./pipeline";
import type { RouteTable } from "./route-table";
import type { GraphRequest, GraphResult } from "./types";

/**
 * JSON batching (`POST /$batch`, https://learn.microsoft.com/graph/json-batching): up to 20
 * requests, each authorised with the batch's own token and run through the same pipeline as a
 * direct call. `dependsOn` orders requests; a request whose dependency failed gets 424. The
 * emulator runs them one at a time in dependency order — a legal order for the service, and it
 * keeps a batch from tripping the per-mailbox concurrency limit by itself.
 */

export const MAX_BATCH = 20;

const RequestSchema = z.object({
  id: z.string().min(1),
  method: z.string().transform((m) => m.toUpperCase()).pipe(z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"])),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const BatchSchema = z.object({ requests: z.array(z.unknown()) });

const invalidBatch = (message = "Invalid batch payload format."): GraphError => new GraphError(400, "BadRequest", message);

export function registerBatch(table: RouteTable, run: (req: GraphRequest) => Promise<PipelineOutcome>): void {
  table.add("POST", "/$batch", async ({ req }) => {
    const parsed = BatchSchema.safeParse(jsonBody(req));
    if (!parsed.success) throw invalidBatch();
    const raw = parsed.data.requests;
    if (raw.length === 0) throw invalidBatch("Invalid batch payload format: no requests.");
    if (raw.length > MAX_BATCH) throw invalidBatch(`Number of requests in batch exceeds the maximum of ${MAX_BATCH}.`);
    const requests = raw.map((r) => {
      const p = RequestSchema.safeParse(r);
      if (!p.success) throw invalidBatch();
      return p.data;
    });
    const ids = new Set<string>();
    for (const r of requests) {
      if (ids.has(r.id)) throw invalidBatch(`Batch request ids must be unique: '${r.id}' is repeated.`);
      ids.add(r.id);
    }
    for (const r of requests) {
      for (const d of r.dependsOn ?? []) if (!ids.has(d) || d === r.id) throw invalidBatch(`Request '${r.id}' depends on unknown request '${d}'.`);
      // Absolute URLs are refused as a whole (URLs are relative to the version, e.g. "/me").
      if (/^https?:/i.test(r.url)) throw invalidBatch();
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const writes = r.method === "POST" || r.method === "PATCH" || r.method === "PUT";
      if ((r.body !== undefined && !headers["content-type"]) || (writes && r.body === undefined && !/\/(reauthorize)$/i.test(r.url.split("?")[0]!))) {
        throw invalidBatch(`Write request id : ${r.id} does not contain Content-Type header or body.`);
      }
      if (/^\/?\$batch/i.test(r.url)) throw invalidBatch("Nested batch requests are not supported.");
    }

    const results = new Map<string, GraphResult>();
    const pending = [...requests];
    while (pending.length > 0) {
      const index = pending.findIndex((r) => (r.dependsOn ?? []).every((d) => results.has(d)));
      if (index < 0) throw invalidBatch("Batch request dependencies form a cycle.");
      const r = pending.splice(index, 1)[0]!;
      const failed = (r.dependsOn ?? []).some((d) => (results.get(d)?.status ?? 500) >= 400);
      if (failed) {
        results.set(r.id, { status: 424, body: { error: { code: "FailedDependency", message: "Failed dependency" } } });
        continue;
      }
      const [pathPart, queryPart] = splitUrl(r.url);
      const headers: Record<string, string> = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      if (req.headers["authorization"]) headers["authorization"] = req.headers["authorization"];
      const sub: GraphRequest = {
        method: r.method,
        path: pathPart,
        query: new URLSearchParams(queryPart),
        headers,
        body: r.body === undefined ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body),
        requestId: req.requestId,
        clientRequestId: req.clientRequestId,
        origin: req.origin,
        topLevel: false,
      };
      const outcome = await run(sub);
      results.set(r.id, "drop" in outcome ? { status: 504 } : outcome);
    }

    const responses = requests.map((r) => {
      const res = results.get(r.id)!;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())] = v;
      const out: Record<string, unknown> = { id: r.id, status: res.status, headers };
      if (res.body !== undefined) {
        headers["Content-Type"] = "application/json";
        out["body"] = res.body;
      } else if (res.text !== undefined) {
        headers["Content-Type"] = "text/plain";
        out["body"] = res.text;
      }
      return out;
    });
    return { status: 200, body: { responses } };
  });
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q + 1);
  return [path.startsWith("/") ? path : `/${path}`, query];
}
