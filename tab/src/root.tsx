import { FluentProvider, Spinner, makeStyles, teamsLightTheme, tokens } from "@fluentui/react-components";
import { Suspense, use, useEffect, useMemo, useState } from "react";
import { createTabApi, type TabApi } from "./api";
import { pickLanguage, stringsFor, type Language } from "./i18n";
import { ConfigPage } from "./pages/config-page";
import { HomePage } from "./pages/home-page";
import { OutsideTeamsPage } from "./pages/outside-teams-page";
import { defaultRoute, useHashRoute } from "./routes";
import { StringsContext } from "./strings-context";
import { fluentThemeFor } from "./theme";
import type { InsideTeams, TeamsConnection, TeamsTheme } from "./teams";

const useStyles = makeStyles({
  // The provider is the page: it paints the themed background edge to edge.
  provider: { minHeight: "100vh", display: "flex", flexDirection: "column" },
  connecting: { margin: "auto", padding: tokens.spacingVerticalXXL },
});

/** `<html lang>` follows the language we render in (screen readers pick voices from it). */
function useDocumentLanguage(language: Language): void {
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}

/**
 * Renders the tab for a connection that is still being made: a spinner (only if it
 * takes a moment), then the Teams pages or the outside-Teams page.
 */
export function Root({ connection }: { connection: Promise<TeamsConnection> }) {
  return (
    <Suspense fallback={<Connecting />}>
      <Connected connection={connection} />
    </Suspense>
  );
}

function Connected({ connection }: { connection: Promise<TeamsConnection> }) {
  const resolved = use(connection);
  if (resolved.kind === "outside") {
    console.info(`Webex Scheduler tab: not inside Teams (${resolved.reason})`);
    return <OutsideTeams />;
  }
  return <InsideTeamsApp teams={resolved} />;
}

/** Delayed so a fast Teams host never flashes a light "connecting" page in a dark client. */
function Connecting() {
  const styles = useStyles();
  const language = pickLanguage(navigator.language);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), 600);
    return () => clearTimeout(timer);
  }, []);
  if (!visible) return null;
  return (
    <FluentProvider theme={teamsLightTheme} className={styles.provider}>
      <Spinner className={styles.connecting} label={stringsFor(language).connecting} />
    </FluentProvider>
  );
}

function OutsideTeams() {
  const styles = useStyles();
  // No Teams locale out here: the browser's language is the best guess.
  const language = pickLanguage(navigator.language);
  useDocumentLanguage(language);
  const api = useMemo(
    () => createTabApi({ getToken: () => Promise.reject(new Error("not signed in: outside Teams")) }),
    [],
  );
  return (
    <FluentProvider theme={teamsLightTheme} className={styles.provider}>
      <StringsContext value={stringsFor(language)}>
        <OutsideTeamsPage api={api} />
      </StringsContext>
    </FluentProvider>
  );
}

function InsideTeamsApp({ teams }: { teams: InsideTeams }) {
  const styles = useStyles();
  const { context } = teams;
  const [theme, setTheme] = useState<TeamsTheme>(context.theme);
  useEffect(() => teams.onThemeChange(setTheme), [teams]);

  const language = pickLanguage(context.locale);
  useDocumentLanguage(language);

  const api: TabApi = useMemo(() => createTabApi({ getToken: () => teams.getAuthToken() }), [teams]);
  const route = useHashRoute() ?? defaultRoute(context);

  return (
    <FluentProvider theme={fluentThemeFor(theme)} className={styles.provider} data-teams-theme={theme}>
      <StringsContext value={stringsFor(language)}>
        {route === "config" ? (
          <ConfigPage api={api} context={context} />
        ) : (
          <HomePage scope={route} context={context} api={api} />
        )}
      </StringsContext>
    </FluentProvider>
  );
}
