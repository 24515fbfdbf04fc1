/**
 * The one module that talks to the Teams host through @microsoft/teams-js.
 * Everything else in the tab sees plain data (`TabContext`) and small callbacks, so
 * pages can be rendered and reasoned about without a host.
 */
import { app, authentication, pages } from "@microsoft/teams-js";

/** Theme names the Teams client sends (context.app.theme and themeChange). */
export type TeamsTheme = "default" | "dark" | "contrast";

export interface TabContext {
  theme: TeamsTheme;
  /** BCP 47 locale of the Teams client, e.g. "sv-SE". */
  locale: string;
  /** Where the page runs: "content" (a tab), "settings" (channel tab configuration), … */
  frameContext: string;
  user: { id: string; displayName?: string; userPrincipalName?: string; tenantId?: string };
  team?: { groupId?: string; internalId: string; displayName?: string };
  channel?: { id: string; displayName?: string };
  /** Set when the tab is pinned in a group chat rather than a channel. */
  chat?: { id: string };
  /** Hint for deep links into the tab; set on the tab instance by the config page. */
  entityId?: string;
}

export interface InsideTeams {
  kind: "teams";
  context: TabContext;
  /** Teams lets an app register one theme handler; the latest call wins. */
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  /** The Teams SSO token for our own API (`/api/tab/*`). */
  getAuthToken(): Promise<string>;
}

export interface OutsideTeams {
  kind: "outside";
  /** Why we decided we're not in Teams — for the console, not for the user. */
  reason: string;
}

export type TeamsConnection = InsideTeams | OutsideTeams;

/**
 * How long to wait for a host to answer `initialize`. At top level teams-js fails at
 * once; inside a frame whose parent isn't Teams it would wait 60 s for an answer that
 * never comes, and the user would stare at a blank page. A real Teams client answers
 * in well under a second.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

export function toTeamsTheme(value: string | undefined | null): TeamsTheme {
  return value === "dark" || value === "contrast" ? value : "default";
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function toTabContext(context: app.Context): TabContext {
  const user = context.user;
  return {
    theme: toTeamsTheme(context.app.theme),
    locale: context.app.locale,
    frameContext: context.page.frameContext ?? "content",
    user: {
      id: user?.id ?? "",
      displayName: user?.displayName,
      userPrincipalName: user?.userPrincipalName,
      tenantId: user?.tenant?.id,
    },
    team: context.team
      ? { groupId: context.team.groupId, internalId: context.team.internalId, displayName: context.team.displayName }
      : undefined,
    channel: context.channel ? { id: context.channel.id, displayName: context.channel.displayName } : undefined,
    chat: context.chat ? { id: context.chat.id } : undefined,
    entityId: context.page.id || undefined,
  };
}

/**
 * Initialises teams-js and reads the context, or reports that we're outside Teams.
 * Never rejects: the caller renders one page or the other.
 */
export async function connectToTeams(options: { timeoutMs?: number } = {}): Promise<TeamsConnection> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  try {
    const context = await withTimeout(
      app.initialize().then(() => app.getContext()),
      timeoutMs,
      `no Teams host answered within ${timeoutMs} ms`,
    );
    // Tells Teams the app has loaded (hides the host's loading indicator, if the manifest
    // asks for one). Fire-and-forget: hosts that don't acknowledge it are fine.
    void app.notifySuccess().catch((error: unknown) => console.warn("notifySuccess failed", error));
    return {
      kind: "teams",
      context: toTabContext(context),
      onThemeChange(handler) {
        app.registerOnThemeChangeHandler((theme) => handler(toTeamsTheme(theme)));
      },
      getAuthToken() {
        return authentication.getAuthToken();
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "outside", reason };
  }
}

export interface ChannelTabConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/**
 * Wires the channel tab configuration page: the host's Save button stays enabled
 * (there is nothing to choose yet) and saving stores `config` on the tab instance.
 * `onError` receives a failure to save; the host is told, so its dialog stays open.
 */
export function enableChannelTabConfig(config: ChannelTabConfig, onError: (error: unknown) => void): void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config.setConfig(config).then(
      () => saveEvent.notifySuccess(),
      (error: unknown) => {
        onError(error);
        saveEvent.notifyFailure(error instanceof Error ? error.message : String(error));
      },
    );
  });
  pages.config.setValidityState(true);
}
