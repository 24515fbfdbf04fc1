import type { Request, Response } from "restify";
import type { Activity, TurnContext } from "botbuilder";
import type { SchedulerAdapter } from "../../teams/adapter";
import { z } from "zod";
import type { Logger } from "../../logger";
import { errorBody } from "../errors";

/**
 * POST /api/messages. We call `adapter.processActivity` ourselves instead of `adapter.process`
 * so that every failure keeps our JSON error shape (the adapter answers with plain text and
 * echoes exception messages) and is logged structured instead of through console.error.
 */

// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
const ActivityEnvelope = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }).optional(),
  recipient: z.looseObject({ id: z.string().min(1) }).optional(),
});

export interface MessagesRouteDeps {
  adapter: SchedulerAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

export function messagesRoute(deps: MessagesRouteDeps) {
  // restify 11: an async handler takes (req, res) and must not call next.
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = ActivityEnvelope.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "body";
      res.send(400, errorBody("InvalidActivity", `The body is not a Bot Framework activity: ${where} ${issue?.message ?? "is invalid"}.`));
      return;
    }
    const authHeader = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
    try {
      const invokeResponse = await deps.adapter.handle(authHeader, parsed.data as unknown as Activity, deps.logic);
      if (invokeResponse) {
        res.send(invokeResponse.status, invokeResponse.body ?? "");
      } else {
        res.send(200);
      }
    } catch (error) {
      if (isAuthenticationError(error)) {
        deps.logger.warn({ err: describe(error), channelId: parsed.data.channelId }, "rejected an activity with a missing or invalid token");
        res.send(401, errorBody("Unauthorized", "The Bot Framework token is missing or invalid."));
      } else {
        deps.logger.error({ err: error, activityType: parsed.data.type }, "bot turn failed");
        res.send(500, errorBody("InternalError", "The bot failed to handle this activity. It has been logged."));
      }
    }
  };
}

function describe(error: unknown): { name: string; message: string } {
  const e = error as { name?: string; message?: string };
  return { name: e.name ?? "Error", message: e.message ?? String(error) };
}

/**
 * botframework-connector's AuthenticationError carries statusCode 401. A token with a bad
 * signature escapes it, though: jsonwebtoken's own errors are rethrown as they are, and would
 * otherwise turn a forged token into a 500.
 */
const JWT_ERRORS = new Set(["AuthenticationError", "JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

function isAuthenticationError(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number } | undefined;
  return (e?.name !== undefined && JWT_ERRORS.has(e.name)) || e?.statusCode === 401;
}
