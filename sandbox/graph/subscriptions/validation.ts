import { randomUUID } from "node:crypto";
import { GraphError } from "../errors";

/**
 * The validation handshake Graph performs before creating a subscription (and for a new
 * notification URL on PATCH): POST `{url}?validationToken=…`, expecting 200 `text/plain` with
 * the URL-decoded token as the whole body, within 10 s. The token contains spaces and colons,
 * like the service's, so a receiver that forgets to decode it fails here too.
 */
export interface ValidationOptions {
  timeoutMs: number;
}

const FAILED = "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";

export async function validateEndpoint(url: string, options: ValidationOptions): Promise<void> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  target.searchParams.set("validationToken", token);
  let response: Response;
  try {
    response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") throw new GraphError(400, "InvalidRequest", "Subscription validation request timed out.");
    throw new GraphError(400, "ValidationError", FAILED);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new GraphError(400, "InvalidRequest", "Subscription validation request timed out.");
  }
  if (response.status !== 200) throw new GraphError(400, "ValidationError", FAILED);
  if (!(response.headers.get("content-type") ?? "").toLowerCase().startsWith("text/plain")) {
    throw new GraphError(400, "ValidationError", "Subscription validation request failed. Response must be 'text/plain'.");
  }
  if (text !== token) throw new GraphError(400, "ValidationError", "Subscription validation request failed. Response must exactly match validationToken query parameter.");
}

/** https only — except loopback http when the emulator was told to allow it (local bots without TLS). */
export function checkNotificationUrl(field: string, raw: string, allowHttpLoopback: boolean): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GraphError(400, "InvalidRequest", `${field} is not a valid absolute URL.`);
  }
  if (url.protocol === "https:") return;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol === "http:" && loopback && allowHttpLoopback) return;
  throw new GraphError(400, "InvalidRequest", `The ${field} must use the https scheme.`);
}
