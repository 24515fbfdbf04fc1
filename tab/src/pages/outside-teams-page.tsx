import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { TabApi } from "../api";
import { PageShell } from "../components/page-shell";
import { useStrings } from "../strings-context";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "60ch" },
  text: { margin: 0 },
  hint: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Shown when the page is opened in a plain browser (or a frame that isn't Teams). */
export function OutsideTeamsPage({ api }: { api: TabApi }) {
  const styles = useStyles();
  const strings = useStrings();
  return (
    <PageShell heading={strings.outsideTitle} api={api}>
      <div className={styles.body} data-testid="outside-teams">
        <Body1 as="p" className={styles.text}>
          {strings.outsideBody}
        </Body1>
        <Caption1 as="p" className={styles.hint}>
          {strings.outsideHint}
        </Caption1>
      </div>
    </PageShell>
  );
}
