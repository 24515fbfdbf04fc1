import { Body1, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { TabApi } from "../api";
import { PageShell } from "../components/page-shell";
import { useStrings } from "../strings-context";
import { channelTabConfig } from "../tab-urls";
import { enableChannelTabConfig, type TabContext } from "../teams";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "60ch" },
  flush: { margin: 0 },
});

/**
 * The channel tab's configuration page (Teams shows it in the "add a tab" dialog, frame
 * context "settings"). Nothing to choose yet: Save is enabled at once and saves a tab
 * pointing at the channel page.
 */
export function ConfigPage({ api, context }: { api: TabApi; context: TabContext }) {
  const styles = useStyles();
  const strings = useStrings();
  const [saveFailed, setSaveFailed] = useState(false);
  const displayName = strings.tabDisplayName;

  useEffect(() => {
    const config = channelTabConfig(window.location.origin, import.meta.env.BASE_URL, displayName);
    try {
      enableChannelTabConfig(config, (error) => {
        console.error("Saving the channel tab failed", error);
        setSaveFailed(true);
      });
    } catch (error) {
      // teams-js refuses outside the "settings" frame (e.g. #/config opened as a tab).
      console.warn("This page only configures a tab inside Teams' add-a-tab dialog", error);
    }
  }, [displayName]);

  return (
    <PageShell heading={!context.channel && context.chat ? strings.configHeadingChat : strings.configHeading} api={api}>
      <div className={styles.body}>
        <Body1 as="p" className={styles.flush}>
          {strings.configBody}
        </Body1>
        {saveFailed ? (
          <MessageBar intent="error">
            <MessageBarBody>{strings.configSaveFailed}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </PageShell>
  );
}
