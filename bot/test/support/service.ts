import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, type Config, type EnvSource } from "../../src/config";
import { createLogger } from "../../src/logger";
import { startService, type RunningService } from "../../src/service";

/** Starts the real bot service on an ephemeral port with a throw-away SQLite file. */
export async function startTestService(env: EnvSource = {}): Promise<RunningService & { config: Config; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "webex-scheduler-test-"));
  const config = parseConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    // Silent by default; CI sets TEST_BOT_LOG_LEVEL=error so a turn that fails there shows its cause.
    LOG_LEVEL: process.env.TEST_BOT_LOG_LEVEL ?? "silent",
    SQLITE_PATH: join(dir, "store.sqlite"),
    TAB_DIST_DIR: join(__dirname, "..", "..", "..", "tab", "dist"),
    ...env,
  });
  const service = await startService(config, createLogger(config.logLevel));
  return {
    ...service,
    config,
    async cleanup() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
