import type { AddressInfo } from "node:net";
import restify from "restify";
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { BenchService } from "./our-service";

/**
 * The bare baseline: botbuilder's echo-bot template and nothing else — CloudAdapter without
 * an app id, an ActivityHandler that echoes the text, restify with jsonBodyParser and
 * `adapter.process`. Whatever our service costs above this is ours.
 */
export async function startEchoBot(): Promise<BenchService> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(context.activity.text ?? "");
    await next();
  });

  const server = restify.createServer({ name: "bench-echo-bot" });
  server.use(restify.plugins.jsonBodyParser());
  server.post("/api/messages", async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections();
      }),
  };
}
