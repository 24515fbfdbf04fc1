import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson } from "../common/http";

/**
 * Webex's error body and messages. Every Webex REST error has the shape
 * `{"message": "...", "errors": [{"description": "..."}], "trackingId": "..."}`
 * (developer.webex.com/docs/basics → "Errors"), and every response carries the same id in a
 * `trackingid` header, which support asks for.
 */

export const TRACKING_HEADER = "trackingid";

export function newTrackingId(): string {
  return `ROUTER_${randomUUID().toUpperCase()}`;
}

/** The tracking id set on this response by the emulator's first middleware (or a fresh one). */
export function trackingIdOf(res: ServerResponse): string {
  const existing = res.getHeader(TRACKING_HEADER);
  if (typeof existing === "string") return existing;
  const id = newTrackingId();
  res.setHeader(TRACKING_HEADER, id);
  return id;
}

export interface WebexErrorBody {
  message: string;
  errors: { description: string }[];
  trackingId: string;
}

export function sendWebexError(
  res: ServerResponse,
  status: number,
  message: string,
  descriptions: string[] = [message],
  headers: Record<string, string> = {},
): void {
  const body: WebexErrorBody = {
    message,
    errors: descriptions.map((description) => ({ description })),
    trackingId: trackingIdOf(res),
  };
  sendJson(res, status, body, headers);
}

/** Messages the real service uses for the generic cases. */
export const MESSAGES = {
  unauthorized: "The request requires a valid access token set in the Authorization request header.",
  forbidden:
    "The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.",
  notFound: "The requested resource could not be found.",
  badRequest: "The request could not be understood by the server due to malformed syntax.",
  invalidItems: "The input parameters contain invalid items.",
  tooManyRequests: "Too many requests have been sent in a given amount of time and the request has been rate limited.",
  locked: "The requested resource is currently locked.",
  serverError: "Something went wrong on the server.",
  badGateway: "The server received an invalid response from an upstream server while processing the request.",
  unavailable: "Server is overloaded with requests. Try again later.",
  gatewayTimeout: "An upstream server failed to respond on time.",
} as const;

/** A default message per status, for injected faults. */
export function messageForStatus(status: number): string {
  switch (status) {
    case 400: return MESSAGES.badRequest;
    case 401: return MESSAGES.unauthorized;
    case 403: return MESSAGES.forbidden;
    case 404: return MESSAGES.notFound;
    case 409: return "The request could not be processed because it conflicts with some established rule of the system.";
    case 423: return MESSAGES.locked;
    case 429: return MESSAGES.tooManyRequests;
    case 502: return MESSAGES.badGateway;
    case 503: return MESSAGES.unavailable;
    case 504: return MESSAGES.gatewayTimeout;
    default: return status >= 500 ? MESSAGES.serverError : MESSAGES.badRequest;
  }
}
