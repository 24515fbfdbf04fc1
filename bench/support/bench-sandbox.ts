import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import { startSandbox } from "../../sandbox";
import { ensureSandboxTls } from "../../sandbox/common/tls";
import { EmulatorCallsSchema, type EmulatorCalls } from "./emulator-calls";

/**
 * Where the benchmarks' emulators (identity, Graph, Webex) run. `child-process` (the default)
 * is how production looks from the bot: Graph, Webex and Entra ID are remote, so the TLS
 * handshakes, JWT checks (per request and per `$batch` item) and directory searches are not the
 * bot's CPU. `in-process` is the old arrangement, kept for comparison: the emulators share the
 * event loop and the cores' time slices with the bot, so their work is billed to its turns.
 */
export const SANDBOX_PLACEMENTS = ["child-process", "in-process"] as const;
export type SandboxPlacement = (typeof SANDBOX_PLACEMENTS)[number];

/** bench/run.ts sets it from `--sandbox`; a benchmark's setup reads it. */
export const SANDBOX_PLACEMENT_ENV = "BENCH_SANDBOX";

export function sandboxPlacement(env: NodeJS.ProcessEnv = process.env): SandboxPlacement {
  const value = env[SANDBOX_PLACEMENT_ENV];
  return value === "in-process" ? "in-process" : "child-process";
}

/** What a benchmark needs of the sandbox, wherever it runs. */
export interface BenchSandbox {
  placement: SandboxPlacement;
  /** Configuration that points the bot at the emulators (as `npm start` passes it). */
  botEnv: Record<string, string>;
  /** The emulators' own request counters (cumulative), read untimed between samples. */
  calls(): Promise<EmulatorCalls>;
  webexMeetingCount(): Promise<number>;
  /** Forgets the Webex creation-quota use, so a long run is not cut off at the emulator's daily limit. */
  clearWebexQuota(): Promise<void>;
  /** CPU time the emulators' process has used so far, in ms; undefined in-process (not separable from the bot's). */
  cpuMs(): Promise<number | undefined>;
  close(): Promise<void>;
}

export function startBenchSandbox(placement: SandboxPlacement = sandboxPlacement()): Promise<BenchSandbox> {
  return placement === "in-process" ? startInProcess() : startChildProcess();
}

async function startInProcess(): Promise<BenchSandbox> {
  const sandbox = await startSandbox();
  return {
    placement: "in-process",
    botEnv: sandbox.botEnv,
    calls: async () => ({ graph: sandbox.graph.state.requests.snapshot(), webex: sandbox.webex.requests.snapshot(), identity: sandbox.identity.requests.snapshot() }),
    webexMeetingCount: async () => sandbox.webex.meetings.list().length,
    clearWebexQuota: async () => sandbox.webex.quota.clear(),
    cpuMs: async () => undefined,
    close: () => sandbox.close(),
  };
}

// The one line sandbox/serve.ts prints when its servers listen.
const ReadyLine = z.object({
  urls: z.object({ identity: z.string(), graph: z.string(), webex: z.string(), control: z.url() }),
  botEnv: z.record(z.string(), z.string()),
});
const MeetingCount = z.object({ count: z.number().int().nonnegative() });
const CpuUsage = z.object({ userMicros: z.number().nonnegative(), systemMicros: z.number().nonnegative() });

const READY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 5_000;

/**
 * sandbox/serve.ts in a child Node process: through tsx when this file runs from the sources,
 * the compiled dist/sandbox/serve.js when the bench runs from dist. The child trusts the sandbox
 * CA (NODE_EXTRA_CA_CERTS); its stderr is ours, so a failure to start is visible.
 */
async function startChildProcess(): Promise<BenchSandbox> {
  const tls = ensureSandboxTls(); // before the child, so both processes use the same files
  const fromSources = __filename.endsWith(".ts");
  const repoRoot = resolve(__dirname, fromSources ? "../.." : "../../..");
  const entry = join(__dirname, "..", "..", "sandbox", fromSources ? "serve.ts" : "serve.js");
  const child = spawn(process.execPath, [...(fromSources ? ["--import", "tsx"] : []), entry], {
    cwd: repoRoot,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  let ready: z.infer<typeof ReadyLine>;
  try {
    ready = await readyLine(child);
  } catch (error) {
    await stop(child, exited);
    throw error;
  }
  const control = ready.urls.control;
  const call = async (method: "GET" | "POST", path: string): Promise<unknown> => {
    const res = await fetch(`${control}${path}`, { method });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox control ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    placement: "child-process",
    botEnv: ready.botEnv,
    calls: async () => EmulatorCallsSchema.parse(await call("GET", "/requests")),
    webexMeetingCount: async () => MeetingCount.parse(await call("GET", "/webex/meetings")).count,
    clearWebexQuota: async () => void (await call("POST", "/webex/quota/clear")),
    cpuMs: async () => {
      const cpu = CpuUsage.parse(await call("GET", "/cpu"));
      return (cpu.userMicros + cpu.systemMicros) / 1000;
    },
    close: () => stop(child, exited),
  };
}

function readyLine(child: ChildProcess): Promise<z.infer<typeof ReadyLine>> {
  return new Promise((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`the sandbox child printed no ready line within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(new Error(`the sandbox child exited before it was ready (${signal ?? `code ${code}`}); its stderr is above`));
    const done = (): void => {
      clearTimeout(timer);
      child.off("exit", onExit);
      lines.removeAllListeners("line");
    };
    const fail = (error: Error): void => {
      done();
      reject(error);
    };
    child.once("exit", onExit);
    lines.once("line", (line) => {
      done();
      // Anything printed later is drained so a full pipe never blocks the child.
      lines.on("line", () => undefined);
      try {
        resolveReady(ReadyLine.parse(JSON.parse(line)));
      } catch (error) {
        reject(new Error(`the sandbox child's ready line is not what sandbox/serve.ts prints: ${line.slice(0, 200)}`, { cause: error }));
      }
    });
  });
}

/** SIGTERM, and SIGKILL if it has not exited a few seconds later. */
function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  return stopChild(child, exited, () => {
    child.stdin?.end();
    child.kill("SIGTERM");
  });
}

/** Asks a child process to stop (`ask`), and SIGKILLs it if it has not exited a few seconds later. */
export async function stopChild(child: ChildProcess, exited: Promise<void>, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  ask();
  const timer = setTimeout(() => child.kill("SIGKILL"), EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
