import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { z } from "zod";
import { stopChild } from "./bench-sandbox";
import { startEchoBot } from "./echo-bot";
import { startOurService, type BenchService } from "./our-service";

/**
 * Where the benchmarked bots run. `in-process` (the default): both bots, the client and the
 * connector share one event loop, so every turn is pure CPU with no process hand-over; it is the
 * stricter comparison. `own-process` is how production looks: each bot is a Node process of its
 * own and this process only plays Teams (the client posting activities and the connector
 * receiving replies). Every turn then also waits for the operating system to hand over between
 * processes — a fixed cost on both sides that lowers the ratio without either bot doing less —
 * but each bot's own CPU per turn can be read, which no other arrangement separates.
 */
export const BOT_PLACEMENTS = ["own-process", "in-process"] as const;
export type BotPlacement = (typeof BOT_PLACEMENTS)[number];

/** bench/run.ts sets it from `--bots`; the scheduling benchmarks' setup reads it. */
export const BOT_PLACEMENT_ENV = "BENCH_BOTS";

export function botPlacement(env: NodeJS.ProcessEnv = process.env): BotPlacement {
  return env[BOT_PLACEMENT_ENV] === "own-process" ? "own-process" : "in-process";
}

export type BotKind = "ours" | "echo";

/** A bot as the benchmarks drive it, wherever it runs. */
export interface BenchBot extends Omit<BenchService, "directory"> {
  placement: BotPlacement;
  /** Our service's directory copy (undefined for the echo bot and with DIRECTORY_REFRESH_SECONDS=0). */
  directory?: {
    settled(tenantId: string): Promise<void>;
    size(tenantId: string): Promise<number>;
  };
  /** CPU the bot's process has used so far, in ms; undefined in-process (not separable from the bench's). */
  cpuMs(): Promise<number | undefined>;
}

export function startBot(kind: BotKind, env: Record<string, string>, placement: BotPlacement = botPlacement()): Promise<BenchBot> {
  return placement === "in-process" ? startHere(kind, env) : startChild(kind, env);
}

async function startHere(kind: BotKind, env: Record<string, string>): Promise<BenchBot> {
  const service = kind === "echo" ? await startEchoBot() : await startOurService(env);
  const directory = service.directory;
  return {
    placement: "in-process",
    url: service.url,
    ...(directory ? { directory: { settled: (tenantId) => directory.settled(tenantId), size: async (tenantId) => directory.size(tenantId) ?? 0 } } : {}),
    cpuMs: async () => undefined,
    close: () => service.close(),
  };
}

// The messages between this process and bot-process-main.ts, checked on both ends.
export const ToBot = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), kind: z.enum(["ours", "echo"]), env: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal("call"), id: z.number().int(), op: z.enum(["settled", "size", "cpu"]), tenantId: z.string() }),
  z.object({ type: z.literal("close") }),
]);
export type ToBot = z.infer<typeof ToBot>;

export const FromBot = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), url: z.string(), hasDirectory: z.boolean() }),
  z.object({ type: z.literal("failed"), message: z.string() }),
  z.object({ type: z.literal("result"), id: z.number().int(), value: z.number().optional() }),
  z.object({ type: z.literal("error"), id: z.number().int(), message: z.string() }),
  z.object({ type: z.literal("closed") }),
]);
export type FromBot = z.infer<typeof FromBot>;

const READY_TIMEOUT_MS = 30_000;

/**
 * bot-process-main in a forked Node process (through tsx when this file runs from the sources),
 * trusting the same CA as this one. Its stderr is ours, so a failure to start is visible.
 */
async function startChild(kind: BotKind, env: Record<string, string>): Promise<BenchBot> {
  const fromSources = __filename.endsWith(".ts");
  const child = fork(join(__dirname, fromSources ? "bot-process-main.ts" : "bot-process-main.js"), [], {
    execArgv: fromSources ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const pending = new Map<number, { resolve: (value: number | undefined) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  child.on("message", (raw) => {
    const message = FromBot.safeParse(raw);
    if (!message.success) return;
    const m = message.data;
    if (m.type !== "result" && m.type !== "error") return;
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === "result") waiter?.resolve(m.value);
    else waiter?.reject(new Error(`${kind} bot process: ${m.message}`));
  });
  child.once("exit", () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the ${kind} bot process exited`));
    pending.clear();
  });
  const call = (op: "settled" | "size" | "cpu", tenantId = ""): Promise<number | undefined> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ type: "call", id, op, tenantId } satisfies ToBot);
    });

  let ready: { url: string; hasDirectory: boolean };
  try {
    ready = await readyMessage(child, kind, env);
  } catch (error) {
    await stop(child, exited);
    throw error;
  }
  return {
    placement: "own-process",
    url: ready.url,
    ...(ready.hasDirectory ? { directory: { settled: async (tenantId) => void (await call("settled", tenantId)), size: async (tenantId) => (await call("size", tenantId)) ?? 0 } } : {}),
    cpuMs: () => call("cpu"),
    close: () => stop(child, exited),
  };
}

function readyMessage(child: ChildProcess, kind: BotKind, env: Record<string, string>): Promise<{ url: string; hasDirectory: boolean }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the ${kind} bot process was not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(new Error(`the ${kind} bot process exited before it was ready (${signal ?? `code ${code}`}); its stderr is above`));
    const onMessage = (raw: unknown): void => {
      const message = FromBot.safeParse(raw);
      if (!message.success) return;
      if (message.data.type === "ready") {
        done();
        resolve({ url: message.data.url, hasDirectory: message.data.hasDirectory });
      } else if (message.data.type === "failed") {
        fail(new Error(`the ${kind} bot process could not start: ${message.data.message}`));
      }
    };
    const done = (): void => {
      clearTimeout(timer);
      child.off("exit", onExit);
      child.off("message", onMessage);
    };
    const fail = (error: Error): void => {
      done();
      reject(error);
    };
    child.once("exit", onExit);
    child.on("message", onMessage);
    child.send({ type: "start", kind, env } satisfies ToBot);
  });
}

/** Asks the bot to close (so its store and directory copy shut down cleanly), SIGKILL if it has not exited a few seconds later. */
function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  return stopChild(child, exited, () => {
    if (child.connected) child.send({ type: "close" } satisfies ToBot);
    else child.kill("SIGTERM");
  });
}
