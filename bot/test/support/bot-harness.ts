import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../../sandbox";
import type { RecordedActivity } from "../../../sandbox/connector";
import { teamsMessage, type MessageOptions } from "./activities";
export { cardText } from "./card-text";
import { startTestService } from "./service";

/**
 * The whole product on loopback: sandbox emulators + the real bot service configured against
 * them, and a way to talk to it like Teams does (messages and Action.Execute invokes).
 */
export interface BotHarness {
  sandbox: RunningSandbox;
  service: Awaited<ReturnType<typeof startTestService>>;
  /** Sends a message as a demo-tenant user and returns the bot's replies to it. */
  say(text: string, options?: Partial<MessageOptions>): Promise<RecordedActivity[]>;
  /** Sends an adaptiveCard/action invoke and returns the invoke response body. */
  invoke(verb: string, data?: Record<string, unknown>, options?: Partial<MessageOptions>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startBotHarness(options: SandboxOptions = {}, env: Record<string, string> = {}): Promise<BotHarness> {
  const sandbox = await startSandbox(options);
  const service = await startTestService({ ...sandbox.botEnv, ...env });
  const base = () => ({ serviceUrl: sandbox.urls.connector, tenant: sandbox.tenant });

  async function post(activity: Record<string, unknown>): Promise<Response> {
    return fetch(`${service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  }

  return {
    sandbox,
    service,
    async say(text, options = {}) {
      const activity = teamsMessage({ ...base(), text, ...options });
      const before = sandbox.connector.activities.length;
      const res = await post(activity);
      if (res.status !== 200) throw new Error(`bot answered ${res.status}: ${await res.text()}`);
      // The turn has finished when the HTTP call returns: every reply is recorded by now.
      return sandbox.connector.activities.slice(before).filter((a) => a.replyToId === activity.id || a.conversationId === (activity.conversation as { id: string }).id);
    },
    async invoke(verb, data = {}, options = {}) {
      const activity = teamsMessage({ ...base(), text: "", ...options });
      activity.type = "invoke";
      activity.name = "adaptiveCard/action";
      delete activity.text;
      activity.value = { action: { type: "Action.Execute", verb, data }, trigger: "manual" };
      const res = await post(activity);
      return { status: res.status, body: await res.json().catch(() => undefined) };
    },
    async close() {
      await service.cleanup();
      await sandbox.close();
    },
  };
}

/** The OpenUrl buttons of a card: title → url. */
export function cardLinks(activity: RecordedActivity): Record<string, string> {
  const links: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "Action.OpenUrl" && typeof o.title === "string" && typeof o.url === "string") links[o.title] = o.url;
      Object.values(o).forEach(walk);
    }
  };
  walk(activity.activity.attachments);
  return links;
}
