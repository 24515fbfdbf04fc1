import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, type RunningServer } from "../../common/http";
import { ensureSandboxTls } from "../../common/tls";

/**
 * A real webhook receiver for delivery tests: answers Graph's validation handshake, records
 * notification POSTs, and can misbehave on request (wrong echo, error status, slow answers).
 */
export interface Received {
  path: string;
  body: { value: Record<string, unknown>[] };
}

export interface ReceiverBehaviour {
  validation: "echo" | "wrong-token" | "status-500" | "json" | "slow";
  /** Statuses for the next notification POSTs, consumed in order; then 202. */
  notificationStatuses: number[];
  /** Delays (ms) for the next notification POSTs, consumed in order. */
  notificationDelays: number[];
  slowMs: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  validations: { path: string; token: string; contentType: string | undefined }[];
  behaviour: ReceiverBehaviour;
  /** Resolves once `predicate` holds for what has been received (re-checked on every POST). */
  waitFor(predicate: (received: Received[]) => boolean): Promise<void>;
  notifications(path?: string): Record<string, unknown>[];
  reset(): void;
  close(): Promise<void>;
}

const defaults = (): ReceiverBehaviour => ({ validation: "echo", notificationStatuses: [], notificationDelays: [], slowMs: 1500 });

export async function startReceiver(options: { https?: boolean } = { https: true }): Promise<Receiver> {
  const received: Received[] = [];
  const validations: Receiver["validations"] = [];
  const waiters: { predicate: (r: Received[]) => boolean; resolve: () => void }[] = [];
  // reset() bumps the generation: a slow answer from an earlier test is not recorded in the next one.
  const state = { behaviour: defaults(), generation: 0 };
  const wake = (): void => {
    for (const w of [...waiters]) {
      if (w.predicate(received)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://receiver");
      const token = url.searchParams.get("validationToken");
      const b = state.behaviour;
      if (token !== null) {
        validations.push({ path: url.pathname, token, contentType: req.headers["content-type"] });
        const answer = (): void => {
          if (b.validation === "status-500") {
            res.writeHead(500);
            return void res.end();
          }
          if (b.validation === "json") {
            res.writeHead(200, { "content-type": "application/json" });
            return void res.end(JSON.stringify(token));
          }
          res.writeHead(200, { "content-type": "text/plain" });
          res.end(b.validation === "wrong-token" ? encodeURIComponent(token) : token);
        };
        if (b.validation === "slow") setTimeout(answer, b.slowMs).unref();
        else answer();
        return;
      }
      const generation = state.generation;
      const status = b.notificationStatuses.shift() ?? 202;
      const delay = b.notificationDelays.shift() ?? 0;
      const respond = (): void => {
        if (status < 300 && generation === state.generation) {
          received.push({ path: url.pathname, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Received["body"] });
          wake();
        }
        if (!res.destroyed) { res.writeHead(status); res.end(); }
      };
      if (delay > 0) setTimeout(respond, delay).unref();
      else respond();
    });
  };

  const server: RunningServer = await listen(listener, options.https ? { tls: ensureSandboxTls() } : {});
  return {
    url: server.url,
    received,
    validations,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(b: ReceiverBehaviour) {
      state.behaviour = b;
    },
    waitFor: (predicate) =>
      new Promise<void>((resolve) => {
        if (predicate(received)) return resolve();
        waiters.push({ predicate, resolve });
      }),
    notifications: (path) => received.filter((r) => !path || r.path === path).flatMap((r) => r.body.value),
    reset: () => {
      received.length = 0;
      validations.length = 0;
      state.behaviour = defaults();
      state.generation++;
    },
    close: () => server.close(),
  };
}
