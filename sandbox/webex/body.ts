import type { ServerResponse } from "node:http";
import type { z } from "zod";
import { parseJson, type SandboxRequest } from "../common/http";
import { MESSAGES, sendWebexError } from "./errors";
import { describeIssues } from "./meetings/validate";

/** Parses a JSON request body with `schema`; answers 400 itself when it is not acceptable. */
export function readJsonBody<T extends z.ZodType>(req: SandboxRequest, res: ServerResponse, schema: T): z.infer<T> | undefined {
  const raw = parseJson(req.body);
  if (raw === undefined || raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    sendWebexError(res, 400, MESSAGES.badRequest, ["The request body must be a JSON object."]);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    sendWebexError(res, 400, MESSAGES.invalidItems, describeIssues(parsed.error));
    return undefined;
  }
  return parsed.data;
}
