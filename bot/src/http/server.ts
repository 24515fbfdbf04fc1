import restify, { type Server } from "restify";
import type { TurnContext } from "botbuilder";
import type { SchedulerAdapter } from "../teams/adapter";
import type { Logger } from "../logger";
import { fromRestifyError } from "./errors";
import { messagesRoute } from "./routes/messages";
import { tabStaticRoute } from "./routes/tab-static";

export interface HealthReport {
  status: "ok";
  version: string;
  mode: string;
  storage: string;
  /** URLs of the in-process emulators when running in sandbox mode, so tools can find them. */
  sandbox?: { identity?: string; graph?: string; webex?: string; connector?: string };
}

export interface HttpServerDeps {
  logger: Logger;
  bodyLimitBytes: number;
  tabDir: string;
  adapter: SchedulerAdapter;
  botLogic: (context: TurnContext) => Promise<void>;
  health: () => HealthReport;
  /** Feature routes (OAuth callbacks, tab API, webhooks), registered after the core ones. */
  routes?: readonly ((server: Server) => void)[];
}

/** Builds the restify server with every route; the caller decides when to listen. */
export function createHttpServer(deps: HttpServerDeps): Server {
  const server = restify.createServer({ name: "webex-scheduler", handleUncaughtExceptions: false });

  // Error bodies: restify's own `{code, message}` is reshaped into ours; stack traces never leave.
  server.on("restifyError", (req, res, err, callback: () => void) => {
    const { status, body } = fromRestifyError(err);
    if (status >= 500) deps.logger.error({ err, path: req.path() }, "request failed");
    err.toJSON = () => body;
    err.statusCode = status;
    return callback();
  });

  server.pre(restify.plugins.pre.context());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    // maxBodySize is honoured by restify's bodyReader but missing from @types/restify.
    restify.plugins.jsonBodyParser({
      maxBodySize: deps.bodyLimitBytes,
      mapParams: false,
      requestBodyOnGet: false,
    } as restify.plugins.JsonBodyParserOptions),
  );
  server.use((req, res, next) => {
    res.setHeader("x-content-type-options", "nosniff");
    return next();
  });

  server.post("/api/messages", messagesRoute({ adapter: deps.adapter, logic: deps.botLogic, logger: deps.logger }));
  server.get("/healthz", (req, res, next) => {
    res.send(200, deps.health());
    return next();
  });
  server.get("/tab", (req, res, next) => {
    res.redirect(302, "/tab/", next);
  });
  server.get("/tab/*", tabStaticRoute(deps.tabDir));
  for (const register of deps.routes ?? []) register(server);

  return server;
}
