import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { MsalServiceClientCredentialsFactory } from "botframework-connector";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { translator } from "./i18n";

/**
 * CloudAdapter with the Bot Framework authentication configured from our Config (so tests and the
 * sandbox can point inbound JWT checks and outbound tokens at the identity emulator), a turn error
 * handler that tells the user something went wrong without leaking details, and a public entry
 * point for the HTTP route (`processActivity` is protected on the base class).
 */
export class SchedulerAdapter extends CloudAdapter {
  constructor(config: Config["bot"], private readonly logger: Logger) {
    super(new ConfigurationBotFrameworkAuthentication(authOptions(config), outboundCredentials(config)));
    this.onTurnError = async (context, error) => {
      this.logger.error({ err: error, activityType: context.activity.type, conversationType: context.activity.conversation?.conversationType }, "unhandled error in a bot turn");
      if (context.activity.type === "message") {
        const t = translator(context.activity.locale);
        await context.sendActivity(t("error.generic")).catch((sendError: unknown) => {
          this.logger.warn({ err: sendError }, "could not tell the user about the error");
        });
      }
    };
  }

  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Outbound (bot → channel) tokens. The default factory only knows Microsoft's login hosts; when
 * the login URL is overridden (the sandbox, a sovereign cloud) msal-node is given that authority
 * as a known one. botframework-connector is typed against msal-node 2, the app uses 3; the
 * factory only calls acquireTokenByClientCredential, which both share.
 */
function outboundCredentials(config: Config["bot"]): MsalServiceClientCredentialsFactory | undefined {
  if (!config.toChannelFromBotLoginUrl || !config.appId || !config.appPassword) return undefined;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: config.appId,
      clientSecret: config.appPassword,
      authority: config.toChannelFromBotLoginUrl,
      knownAuthorities: [new URL(config.toChannelFromBotLoginUrl).host],
    },
  });
  return new MsalServiceClientCredentialsFactory(config.appId, msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
}

function authOptions(config: Config["bot"]): ConfigurationBotFrameworkAuthenticationOptions {
  const options: Record<string, string> = { MicrosoftAppType: config.appType };
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set("MicrosoftAppId", config.appId);
  set("MicrosoftAppPassword", config.appPassword);
  set("MicrosoftAppTenantId", config.appTenantId);
  set("ToChannelFromBotLoginUrl", config.toChannelFromBotLoginUrl);
  set("ToChannelFromBotOAuthScope", config.toChannelFromBotOAuthScope);
  set("ToBotFromChannelTokenIssuer", config.toBotFromChannelTokenIssuer);
  set("ToBotFromChannelOpenIdMetadataUrl", config.toBotFromChannelOpenIdMetadataUrl);
  return options as ConfigurationBotFrameworkAuthenticationOptions;
}
