import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { TabApi } from "../api";
import { format } from "../i18n";
import { useStrings } from "../strings-context";

const useStyles = makeStyles({
  footer: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
  },
});

/**
 * "Service version 0.1.0" from the bot's /healthz. Renders no footer at all while the
 * version is unknown (or unavailable): an empty contentinfo landmark helps nobody.
 */
export function ServiceFooter({ api }: { api: TabApi }) {
  const styles = useStyles();
  const strings = useStrings();
  const [version, setVersion] = useState<string>();
  useEffect(() => {
    const abort = new AbortController();
    api.health(abort.signal).then(
      (health) => setVersion(health.version),
      (error: unknown) => {
        if (!abort.signal.aborted) console.info("Service version unavailable", error);
      },
    );
    return () => abort.abort();
  }, [api]);
  if (!version) return null;
  return (
    <footer className={styles.footer}>
      <Caption1>{format(strings.footerVersion, { version })}</Caption1>
    </footer>
  );
}
