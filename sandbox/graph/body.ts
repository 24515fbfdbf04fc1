import { GraphError, MSG } from "./errors";
import type { GraphRequest } from "./types";

/** A JSON request body, refused as Graph refuses it: no JSON content type or unparsable → 400. */
export function jsonBody(req: GraphRequest): unknown {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (req.body.trim() === "") throw new GraphError(400, "BadRequest", "Empty Payload. JSON content expected.");
  if (!type.includes("json")) throw new GraphError(400, "BadRequest", MSG.badJson);
  try {
    return JSON.parse(req.body) as unknown;
  } catch {
    throw new GraphError(400, "BadRequest", MSG.badJson);
  }
}
