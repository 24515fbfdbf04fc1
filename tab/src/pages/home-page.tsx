import { Body1, Subtitle1, makeStyles, tokens } from "@fluentui/react-components";
import type { TabApi } from "../api";
import { AccountsPanel } from "../components/accounts-panel";
import { EmptyState } from "../components/empty-state";
import { PageShell } from "../components/page-shell";
import { format, type Strings } from "../i18n";
import { useStrings } from "../strings-context";
import type { TabContext } from "../teams";

const useStyles = makeStyles({
  columns: {
    display: "grid",
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: "minmax(0, 1fr)",
    // Side by side once there is room for both (CONVERSATIONS §7: the form "on the side").
    "@media (min-width: 760px)": { gridTemplateColumns: "minmax(0, 2fr) minmax(260px, 1fr)" },
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    // Borders, not background tints, separate the panels: tints disappear in high contrast.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  side: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, minWidth: 0 },
  flush: { margin: 0 },
});

export interface HomePageProps {
  scope: "personal" | "channel";
  context: TabContext;
  api: TabApi;
}

function headings(scope: HomePageProps["scope"], context: TabContext, strings: Strings) {
  if (scope === "personal") return { heading: strings.personalHeading, subheading: undefined };
  const channel = context.channel?.displayName;
  const team = context.team?.displayName;
  if (!context.channel && context.chat) return { heading: strings.chatHeading, subheading: undefined };
  return {
    heading: channel ? format(strings.channelHeading, { channel }) : strings.channelHeadingUnnamed,
    subheading: team && channel ? format(strings.teamAndChannel, { team, channel }) : undefined,
  };
}

/**
 * The personal and channel tab. The meeting list and the Schedule form arrive in later
 * issues; until then both regions say so plainly and point to the bot. "Your accounts" beside
 * them shows who the user is signed in as and what is left to connect.
 */
export function HomePage({ scope, context, api }: HomePageProps) {
  const styles = useStyles();
  const strings = useStrings();
  const { heading, subheading } = headings(scope, context, strings);
  return (
    <PageShell heading={heading} subheading={subheading} api={api}>
      <div className={styles.columns}>
        <section className={styles.panel} aria-labelledby="upcoming-heading">
          <Subtitle1 as="h2" id="upcoming-heading" className={styles.flush}>
            {strings.upcomingHeading}
          </Subtitle1>
          <EmptyState title={strings.upcomingEmptyTitle} body={strings.upcomingEmptyBody} />
        </section>
        <div className={styles.side}>
          <AccountsPanel api={api} className={styles.panel} />
          <section className={styles.panel} aria-labelledby="schedule-heading">
            <Subtitle1 as="h2" id="schedule-heading" className={styles.flush}>
              {strings.scheduleHeading}
            </Subtitle1>
            <Body1 as="p" className={styles.flush}>
              {strings.schedulePlaceholder}
            </Body1>
          </section>
        </div>
      </div>
    </PageShell>
  );
}
