import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureSandboxTls } from "./common/tls";
import { startSandbox, type RunningSandbox } from "./index";

/**
 * `npm start`: the embedded default. Starts the emulators (identity, Graph, Webex, connector) in
 * this process on loopback, then the bot as a child process pointed at them — the child needs
 * NODE_EXTRA_CA_CERTS, which Node reads only at start-up. With Microsoft credentials configured
 * (APP_ENV naming a real environment), only the bot starts.
 */
async function main(): Promise<void> {
  const tls = ensureSandboxTls();
  const appEnv = process.env.APP_ENV ?? "sandbox";
  let sandbox: RunningSandbox | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, APP_ENV: appEnv, NODE_EXTRA_CA_CERTS: tls.caPath };

  if (appEnv === "sandbox") {
    sandbox = await startSandbox({ tls });
    // Environment set by the user wins (e.g. PORT); the sandbox fills in its URLs.
    for (const [name, value] of Object.entries(sandbox.botEnv)) env[name] ??= value;
  }

  const bot = spawn(process.execPath, [join(__dirname, "..", "bot", "src", "index.js")], { stdio: "inherit", env });
  const port = env.PORT ?? "3978";
  if (sandbox) {
    process.stdout.write(
      [
        "",
        "Webex Scheduler — sandbox (demo tenant, no real accounts needed)",
        `  bot            http://localhost:${port}/api/messages   (health: http://localhost:${port}/healthz)`,
        `  tab            http://localhost:${port}/tab/`,
        ...sandbox.describe().map((line) => `  ${line}`),
        "  chat with it   npm run playground   (Microsoft 365 Agents Playground on http://localhost:56150)",
        "",
      ].join("\n") + "\n",
    );
  }

  const stop = (signal: NodeJS.Signals): void => {
    bot.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  bot.on("exit", (code) => {
    void (sandbox?.close() ?? Promise.resolve()).then(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Sandbox start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
