import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../bot/src/config";
import { createLogger } from "../../bot/src/logger";
import { startService, type RunningService } from "../../bot/src/service";

export interface BenchService {
  /** http://127.0.0.1:<port> — an IP, so no sample pays for resolving "localhost". */
  url: string;
  /** The service's in-memory directory copy (undefined when DIRECTORY_REFRESH_SECONDS=0). */
  directory?: RunningService["directory"];
  close(): Promise<void>;
}

/**
 * Our bot service, composed exactly as production composes it (`startService`), on an
 * ephemeral port with silent logs, no app id (no auth) and a throw-away SQLite file.
 * `env` adds configuration, e.g. a sandbox's `botEnv` to point it at the emulators.
 */
export async function startOurService(env: Record<string, string> = {}): Promise<BenchService> {
  const dir = mkdtempSync(join(tmpdir(), "webex-scheduler-bench-"));
  try {
    const config = parseConfig({
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      SQLITE_PATH: join(dir, "store.sqlite"),
      TAB_DIST_DIR: join(dir, "tab"),
    });
    const service = await startService(config, createLogger(config.logLevel));
    return {
      url: `http://127.0.0.1:${service.port}`,
      directory: service.directory,
      async close() {
        await service.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
