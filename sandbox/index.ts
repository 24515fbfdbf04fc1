import type { SandboxTls } from "./common/tls";
import { createConnectorEmulator, type ConnectorEmulator } from "./connector";
import type { RunningServer } from "./common/http";

/**
 * All emulators in one process, on loopback. `botEnv` is the configuration that points the bot
 * at them; only base URLs differ from production.
 */
export interface RunningSandbox {
  connector: ConnectorEmulator;
  urls: { connector: string };
  botEnv: Record<string, string>;
  describe(): string[];
  close(): Promise<void>;
}

export async function startSandbox(options: { tls: SandboxTls }): Promise<RunningSandbox> {
  void options.tls;
  const connector = createConnectorEmulator();
  const servers: RunningServer[] = [];
  const connectorServer = await connector.start();
  servers.push(connectorServer);
  return {
    connector,
    urls: { connector: connectorServer.url },
    botEnv: {},
    describe: () => [`connector      ${connectorServer.url}   (replies the bot sent: ${connectorServer.url}/_sandbox/activities)`],
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
