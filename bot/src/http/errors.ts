/**
 * The one error shape every endpoint answers with: `{"error":{"code","message"}}` — never a
 * stack trace. Codes are stable strings clients can switch on; messages say what to do.
 */
export interface ErrorBody {
  error: { code: string; message: string };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "HttpError";
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message);
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** restify's error names → our codes and user-facing messages. */
export function fromRestifyError(err: { statusCode?: number; name?: string; message?: string; body?: { code?: string } }): { status: number; body: ErrorBody } {
  const status = err.statusCode ?? 500;
  switch (err.name) {
    case "ResourceNotFoundError":
      return { status, body: errorBody("NotFound", "No such endpoint. See GET /healthz for the service, POST /api/messages for the bot.") };
    case "MethodNotAllowedError":
      return { status, body: errorBody("MethodNotAllowed", err.message ?? "Method not allowed on this endpoint.") };
    case "PayloadTooLargeError":
    case "RequestEntityTooLargeError":
      return { status: 413, body: errorBody("PayloadTooLarge", "The request body is too large. Send a smaller body.") };
    case "InvalidContentError":
    case "BadRequestError":
      return { status, body: errorBody("InvalidJson", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.") };
    case "UnsupportedMediaTypeError":
      return { status, body: errorBody("UnsupportedMediaType", "Send the body as application/json.") };
    default:
      if (status >= 500) return { status, body: errorBody("InternalError", "Something went wrong on our side. Try again; if it keeps failing, tell your admin the time it happened.") };
      return { status, body: errorBody(err.body?.code ?? err.name ?? "BadRequest", err.message ?? "Bad request.") };
  }
}
