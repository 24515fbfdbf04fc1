import { z } from "zod";
import { createConnectorEmulator, type ConnectorEmulator } from "../../sandbox/connector";
import { startBenchSandbox, type BenchSandbox, type SandboxPlacement } from "./bench-sandbox";
import { botPlacement, startBot, type BenchBot, type BotPlacement } from "./bot-process";
import { teamsInvokeFactory } from "./teams-invoke";
import { teamsMessageFactory } from "./teams-message";
export { cardText } from "../../bot/test/support/card-text";

/**
 * The scheduling benchmarks' world: the sandbox's identity, Graph and Webex emulators over HTTPS
 * in tenant mode (admin consent + the Webex service token, so Lars Berg is ready without signing
 * in) — by default in a child process of their own, like the remote services they stand for
 * (`--sandbox in-process` for the old arrangement, see bench-sandbox.ts) — our service
 * configured with the sandbox's `botEnv` exactly as `npm start` configures it, and the bare
 * echo bot, by default in this process (`--bots own-process` runs each in a process of its own
 * like a deployed bot, see bot-process.ts). Both bots reply to a connector emulator in this
 * process: it is where the clock stops (Teams receiving the reply), and it serves both sides alike.
 */
export interface SandboxedBots {
  sandbox: BenchSandbox;
  /** Where the replies arrive; the sample ends when the awaited one is recorded. */
  connector: ConnectorEmulator;
  ours: BenchBot;
  echo: BenchBot;
  /** A personal-chat message from Lars Berg; replies go to the connector. */
  message: (text: string) => Record<string, unknown> & { id: string };
  /** A card button press from Lars Berg in a personal chat. */
  invoke: (verb: string, data: Record<string, unknown>) => Record<string, unknown> & { id: string };
  close(): Promise<void>;
}

export interface SandboxedBotsOptions {
  /** Where the emulators run; `--sandbox` (child-process) by default. */
  sandbox?: SandboxPlacement;
  /** Where the two bots run; `--bots` (in-process) by default. */
  bots?: BotPlacement;
  /** Configuration for our service on top of the sandbox's (e.g. DIRECTORY_REFRESH_SECONDS). */
  ourEnv?: Record<string, string>;
}

export async function startSandboxedBots(options: SandboxedBotsOptions = {}): Promise<SandboxedBots> {
  const sandbox = await startBenchSandbox(options.sandbox);
  const bots = options.bots ?? botPlacement();
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async (): Promise<void> => {
    for (const s of started.reverse()) await s.close();
    await sandbox.close();
  };
  try {
    const connector = createConnectorEmulator();
    const connectorServer = await connector.start();
    started.push(connectorServer);
    // An IP instead of the connector's "localhost" URL: neither bot should pay for name resolution.
    const serviceUrl = `http://127.0.0.1:${connectorServer.port}`;
    const ours = await startBot("ours", { ...sandbox.botEnv, ...options.ourEnv }, bots);
    started.push(ours);
    const echo = await startBot("echo", {}, bots);
    started.push(echo);
    return {
      sandbox,
      connector,
      ours,
      echo,
      message: teamsMessageFactory(serviceUrl),
      invoke: teamsInvokeFactory(serviceUrl),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// A reply as the connector recorded it; only what the benchmarks check.
// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
const Reply = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown().optional() })).optional(),
});
export type Reply = z.infer<typeof Reply>;

const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

/**
 * POSTs one message and resolves with the clock reading taken when the first reply that
 * `accept`s arrived at the connector (our bot may send a typing indicator before its card).
 * `accept` only looks at the raw activity: it runs inside the connector's handler, where the
 * clock is still running, so the reply is checked against its schema after the clock stopped
 * (a bigger reply must not cost more of the bench's own checking). The HTTP response is read
 * untimed afterwards; the connector's list is cleared so its scan on every recorded activity
 * stays short.
 */
export async function messageTurn(bots: SandboxedBots, bot: BenchBot, text: string, accept: (activity: Record<string, unknown>) => boolean): Promise<{ stoppedAt: bigint; reply: Reply }> {
  const activity = bots.message(text);
  const connector = bots.connector;
  const replied = connector
    .waitFor((a) => a.replyToId === activity.id && accept(a.activity))
    .then(([recorded]) => ({ stoppedAt: process.hrtime.bigint(), reply: Reply.parse(recorded!.activity) }));
  replied.catch(() => undefined); // observed below; this only keeps an early throw from leaving it unhandled
  const res = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  const body = await res.text();
  if (!res.ok) throw new Error(`${bot.url}/api/messages answered ${res.status}: ${body.slice(0, 200)}`);
  const result = await replied;
  connector.reset();
  return result;
}

export const isAdaptiveCard = (activity: Record<string, unknown>): boolean => {
  const attachments = activity.attachments;
  return Array.isArray(attachments) && (attachments[0] as { contentType?: unknown } | undefined)?.contentType === ADAPTIVE_CARD;
};

/** The echo bot's turn: the same message, its echo at the connector. */
export async function echoTurn(bots: SandboxedBots, text: string): Promise<bigint> {
  const { stoppedAt, reply } = await messageTurn(bots, bots.echo, text, (a) => a.type === "message");
  if (reply.text !== text) throw new Error(`the echo bot did not echo: ${JSON.stringify(reply).slice(0, 200)}`);
  return stoppedAt;
}

/** The data of the card's Action.Execute with this verb, wherever it sits in the card. */
export function actionData(card: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) {
    for (const item of card) {
      const found = actionData(item, verb);
      if (found) return found;
    }
    return undefined;
  }
  if (card && typeof card === "object") {
    const node = card as Record<string, unknown>;
    if (node.type === "Action.Execute" && node.verb === verb) return (node.data ?? {}) as Record<string, unknown>;
    for (const value of Object.values(node)) {
      const found = actionData(value, verb);
      if (found) return found;
    }
  }
  return undefined;
}

/** Our bot answers a scheduling request with the draft card; resolves when it reaches the connector. */
export async function draftTurn(bots: SandboxedBots, text: string): Promise<{ stoppedAt: bigint; draftId: string; card: unknown }> {
  const { stoppedAt, reply } = await messageTurn(bots, bots.ours, text, isAdaptiveCard);
  const card = reply.attachments?.[0]?.content;
  const draftId = actionData(card, "draft.schedule")?.draftId;
  if (typeof draftId !== "string") throw new Error(`our service did not answer \`${text}\` with a draft card: ${JSON.stringify(reply).slice(0, 300)}`);
  return { stoppedAt, draftId, card };
}

// The invoke response Teams gets back: an Adaptive Card to show in place.
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards#response-format
const InvokeResponse = z.looseObject({ statusCode: z.number(), type: z.string(), value: z.unknown() });

/** Presses a card button; resolves when the invoke response has arrived (the clock reading), and with its card. */
export async function invokeTurn(bots: SandboxedBots, verb: string, data: Record<string, unknown>): Promise<{ stoppedAt: bigint; card: unknown }> {
  const res = await fetch(`${bots.ours.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bots.invoke(verb, data)) });
  const text = await res.text();
  const stoppedAt = process.hrtime.bigint();
  if (!res.ok) throw new Error(`${verb}: /api/messages answered ${res.status}: ${text.slice(0, 200)}`);
  const body = InvokeResponse.parse(JSON.parse(text));
  bots.connector.reset();
  return { stoppedAt, card: body.value };
}
