import { z } from "zod";
import { createConnectorEmulator, type ConnectorEmulator } from "../sandbox/connector";
import type { RunningServer } from "../sandbox/common/http";
import { defineBenchmark } from "./harness/benchmark";
import { startEchoBot } from "./support/echo-bot";
import { startOurService, type BenchService } from "./support/our-service";
import { teamsMessageFactory } from "./support/teams-message";

/**
 * One bot turn end to end: a Teams `message` activity POSTed to /api/messages over HTTP
 * (keep-alive: undici's fetch pools connections), timed until the bot's reply has arrived at
 * the connector emulator. Subject: our service answering `help` with the help card. Baseline:
 * a bare botbuilder echo bot answering the same payload. Both run in this process, without an
 * app id, replying to the same connector, so the ratio is the cost of our turn pipeline.
 */

interface Context {
  connector: ConnectorEmulator;
  connectorServer: RunningServer;
  ours: BenchService;
  echo: BenchService;
  message: (text: string) => Record<string, unknown> & { id: string };
}

const TEXT = "help";

// The reply as the connector recorded it; only what the sanity check needs.
// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
const Reply = z.looseObject({
  type: z.literal("message"),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
});

/** POSTs one activity and resolves with the clock reading taken when the reply was recorded. */
async function turn(context: Context, bot: BenchService): Promise<{ stoppedAt: bigint; reply: z.infer<typeof Reply> }> {
  const activity = context.message(TEXT);
  const replied = context.connector
    .waitFor((a) => a.replyToId === activity.id)
    .then(([recorded]) => ({ stoppedAt: process.hrtime.bigint(), activity: recorded!.activity }));
  replied.catch(() => undefined); // observed below; this only keeps an early throw from leaving it unhandled
  const res = await fetch(`${bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${bot.url}/api/messages answered ${res.status}: ${body.slice(0, 200)}`);
  const { stoppedAt, activity: reply } = await replied;
  // Keeps the connector's list (scanned on every recorded activity) at one entry.
  context.connector.reset();
  return { stoppedAt, reply: Reply.parse(reply) };
}

export default defineBenchmark<Context>({
  name: "bot-turn",
  subjectLabel: "our service answers `help` with the help card (POST /api/messages → reply at the connector)",
  baselineLabel: "bare botbuilder echo bot (CloudAdapter + ActivityHandler in restify) echoes the same message",

  async setup() {
    const connector = createConnectorEmulator();
    const connectorServer = await connector.start();
    // An IP instead of the emulator's "localhost" URL: neither bot should pay for name resolution.
    const message = teamsMessageFactory(`http://127.0.0.1:${connectorServer.port}`);
    const started: BenchService[] = [];
    try {
      const ours = await startOurService();
      started.push(ours);
      const echo = await startEchoBot();
      started.push(echo);
      const context: Context = { connector, connectorServer, ours, echo, message };

      // Measure what we claim: our bot must answer with the card, the echo bot with the text.
      const ourReply = (await turn(context, ours)).reply;
      if (ourReply.attachments?.[0]?.contentType !== "application/vnd.microsoft.card.adaptive") {
        throw new Error(`our service did not answer \`${TEXT}\` with an Adaptive Card: ${JSON.stringify(ourReply).slice(0, 200)}`);
      }
      const echoReply = (await turn(context, echo)).reply;
      if (echoReply.text !== TEXT) throw new Error(`the echo bot did not echo: ${JSON.stringify(echoReply).slice(0, 200)}`);
      return context;
    } catch (error) {
      for (const s of started) await s.close();
      await connectorServer.close();
      throw error;
    }
  },

  subject: async (context) => (await turn(context, context.ours)).stoppedAt,
  baseline: async (context) => (await turn(context, context.echo)).stoppedAt,

  async teardown(context) {
    await context.ours.close();
    await context.echo.close();
    await context.connectorServer.close();
  },
});
