import { FromBot, ToBot } from "./bot-process";
import { startEchoBot } from "./echo-bot";
import { startOurService, type BenchService } from "./our-service";

/**
 * A benchmarked bot in a process of its own (bot-process.ts forks this file): started on the
 * parent's "start", answering its questions about the directory copy and CPU over IPC, closed on
 * "close" or when the parent goes away.
 */
let service: BenchService | undefined;
let closing = false;

const send = (message: FromBot): void => {
  if (process.connected) process.send?.(message);
};

async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await service?.close().catch(() => undefined);
  send({ type: "closed" });
  process.exit(0);
}

process.on("message", (raw) => {
  const parsed = ToBot.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === "close") return void close();
  if (message.type === "start") {
    if (service) return;
    (message.kind === "echo" ? startEchoBot() : startOurService(message.env)).then(
      (started) => {
        service = started;
        send({ type: "ready", url: started.url, hasDirectory: started.directory !== undefined });
      },
      (error: unknown) => send({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const { id, op, tenantId } = message;
  const answer = async (): Promise<number | undefined> => {
    if (op === "cpu") {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    }
    const directory = service?.directory;
    if (!directory) throw new Error("this bot keeps no directory copy");
    if (op === "size") return directory.size(tenantId);
    await directory.settled(tenantId);
    return undefined;
  };
  answer().then(
    (value) => send(value === undefined ? { type: "result", id } : { type: "result", id, value }),
    (error: unknown) => send({ type: "error", id, message: error instanceof Error ? error.message : String(error) }),
  );
});

// The parent died or closed the channel: nothing is left to serve.
process.on("disconnect", () => void close());
