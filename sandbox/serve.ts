import { parseArgs } from "node:util";
import { Router, listen, sendEmpty, sendJson, type RunningServer } from "./common/http";
import { ensureSandboxTls } from "./common/tls";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "./index";

/**
 * The sandbox as a process of its own, for a parent that must not pay for the emulators' CPU
 * (benchmarks: in production Graph, Webex and Entra ID are remote services, so their TLS, JWT
 * checks and directory searches are not the bot's work). Started as
 * `node dist/sandbox/serve.js [--individual] [--no-service-token] [--bot-authentication]`
 * (or through tsx from the sources); the same switches can come from SANDBOX_ADMIN_CONSENT=false,
 * SANDBOX_WEBEX_SERVICE_TOKEN=false, SANDBOX_BOT_AUTHENTICATION=true.
 *
 * When ready it prints exactly one line of JSON on stdout: `{ urls, botEnv }`, where `urls` adds
 * `control`, a plain-HTTP loopback server (the emulators' own `/_sandbox/*` routes would count
 * themselves as calls, so the counters are read from here):
 *   GET  /requests            → 200 { graph, webex, identity }  request counters (cumulative)
 *   POST /reset               → 204  every emulator back to its seeded state (counters stay)
 *   GET  /webex/meetings      → 200 { count }  meetings the Webex emulator holds
 *   POST /webex/quota/clear   → 204  forget the Webex creation-quota use (long benchmark runs)
 *   GET  /cpu                 → 200 { userMicros, systemMicros }  this process's CPU time so far
 * It exits on SIGTERM/SIGINT or when its stdin closes (the parent went away).
 */

function optionsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): SandboxOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      individual: { type: "boolean", default: false },
      "no-service-token": { type: "boolean", default: false },
      "bot-authentication": { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    adminConsent: !values.individual && env.SANDBOX_ADMIN_CONSENT !== "false",
    webexServiceToken: !values["no-service-token"] && env.SANDBOX_WEBEX_SERVICE_TOKEN !== "false",
    botAuthentication: values["bot-authentication"] || env.SANDBOX_BOT_AUTHENTICATION === "true",
  };
}

function controlRouter(sandbox: RunningSandbox): Router {
  const router = new Router({ notFound: (_req, res) => sendJson(res, 404, { error: "no such control route" }) });
  router.get("/requests", (_req, res) =>
    sendJson(res, 200, { graph: sandbox.graph.state.requests.snapshot(), webex: sandbox.webex.requests.snapshot(), identity: sandbox.identity.requests.snapshot() }),
  );
  router.post("/reset", (_req, res) => {
    sandbox.reset();
    sendEmpty(res, 204);
  });
  router.get("/webex/meetings", (_req, res) => sendJson(res, 200, { count: sandbox.webex.meetings.list().length }));
  router.post("/webex/quota/clear", (_req, res) => {
    sandbox.webex.quota.clear();
    sendEmpty(res, 204);
  });
  // How much work the emulators did (a benchmark divides a delta by the turns it served).
  router.get("/cpu", (_req, res) => {
    const { user, system } = process.cpuUsage();
    sendJson(res, 200, { userMicros: user, systemMicros: system });
  });
  return router;
}

async function main(): Promise<void> {
  const options = optionsFrom(process.argv.slice(2), process.env);
  const sandbox = await startSandbox({ ...options, tls: ensureSandboxTls() });
  let control: RunningServer;
  try {
    const router = controlRouter(sandbox);
    // An IP: the parent should not pay for resolving "localhost" on every counter read.
    control = await listen(router.listener, { publicHost: "127.0.0.1" });
  } catch (error) {
    await sandbox.close();
    throw error;
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([control.close(), sandbox.close()]).finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // The parent holds our stdin open; when it ends (the parent exited or closed it), so do we.
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();

  process.stdout.write(`${JSON.stringify({ urls: { ...sandbox.urls, control: control.url }, botEnv: sandbox.botEnv })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox serve failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
