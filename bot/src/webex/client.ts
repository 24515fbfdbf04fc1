import { z } from "zod";
import type { AccessTokenProvider } from "../identity/token-provider";

/**
 * The Webex REST gateway over fetch: bearer token, Retry-After on 429/503 (bounded retries),
 * and Webex's error body `{message, errors:[{description}], trackingId}` turned into WebexError.
 * https://developer.webex.com/docs/basics#api-errors
 */
export class WebexError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly trackingId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WebexError";
  }
}

const ErrorBody = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ description: z.string() })).optional(),
  trackingId: z.string().optional(),
});

export interface WebexClientOptions {
  baseUrl: string;
  tokens: AccessTokenProvider;
  maxRetries?: number;
  /** Upper bound for one Retry-After wait; longer waits fail instead of hanging a user's turn. */
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WebexClient {
  request<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T>;
}

export function createWebexClient(options: WebexClientOptions): WebexClient {
  const base = options.baseUrl.replace(/\/$/, "");
  const maxRetries = options.maxRetries ?? 3;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  return {
    async request<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        const token = await options.tokens.getAccessToken();
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if ((res.status === 429 || res.status === 503) && attempt < maxRetries) {
          const delay = retryAfterMs(res.headers.get("retry-after"), attempt);
          if (delay <= maxDelay) {
            await res.arrayBuffer();
            await sleep(delay);
            continue;
          }
        }
        const text = await res.text();
        if (!res.ok) throw toWebexError(res.status, text, res.headers.get("trackingid"));
        return schema.parse(text === "" ? undefined : JSON.parse(text));
      }
    },
  };
}

function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds * 1000 : Math.min(1000 * 2 ** attempt, 8000);
}

function toWebexError(status: number, text: string, trackingHeader: string | null): WebexError {
  let parsed: z.infer<typeof ErrorBody> = {};
  try {
    parsed = ErrorBody.parse(JSON.parse(text));
  } catch {
    // not Webex's JSON error shape (a proxy page, an empty body): keep the status
  }
  const detail = parsed.errors?.map((e) => e.description).join("; ") || parsed.message || `HTTP ${status}`;
  return new WebexError(status, `Webex answered ${status}: ${detail}`, parsed.trackingId ?? trackingHeader ?? undefined);
}
