import type { GraphResult } from "./types";

/**
 * A Graph error as the service reports it. Thrown by handlers and turned into
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}` by the
 * pipeline, which knows the request ids.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GraphError";
  }
}

/** Graph's innerError.date has no fractional seconds and no zone designator. */
export function innerErrorDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

export function errorResult(error: GraphError, ids: { requestId: string; clientRequestId: string }, now: Date): GraphResult {
  return {
    status: error.status,
    headers: error.headers,
    body: {
      error: {
        code: error.code,
        message: error.message,
        innerError: { date: innerErrorDate(now), "request-id": ids.requestId, "client-request-id": ids.clientRequestId },
      },
    },
  };
}

// Messages copied from what the real service says, so clients that match on them behave the same.
export const MSG = {
  insufficientPrivileges: "Insufficient privileges to complete the operation.",
  accessDenied: "Access is denied. Check credentials and try again.",
  badJson: "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
  methodNotAllowed: "Specified HTTP method is not allowed for the request target.",
} as const;

export const directoryDenied = (): GraphError => new GraphError(403, "Authorization_RequestDenied", MSG.insufficientPrivileges);
export const outlookDenied = (): GraphError => new GraphError(403, "ErrorAccessDenied", MSG.accessDenied);
export const badRequest = (message: string, code = "BadRequest"): GraphError => new GraphError(400, code, message);

export function userNotFound(id: string): GraphError {
  return new GraphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

/** Outlook-backed routes (events, contacts, calendar) name an unknown mailbox owner this way. */
export function invalidMailboxUser(id: string): GraphError {
  return new GraphError(404, "ErrorInvalidUser", `The requested user '${id}' is invalid.`);
}

export function itemNotFound(): GraphError {
  return new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
}
