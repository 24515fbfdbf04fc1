import { Caption1, Title2, makeStyles, tokens } from "@fluentui/react-components";
import type { MouseEvent, ReactNode } from "react";
import type { TabApi } from "../api";
import { useStrings } from "../strings-context";
import { ServiceFooter } from "./service-footer";

const useStyles = makeStyles({
  skipLink: {
    position: "absolute",
    left: tokens.spacingHorizontalM,
    top: "-100px",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    borderRadius: tokens.borderRadiusMedium,
    zIndex: 1,
    ":focus": { top: tokens.spacingVerticalS },
  },
  header: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    // A real border, not a shade: background shades vanish in high contrast.
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  appName: { color: tokens.colorNeutralForeground2 },
  heading: { margin: 0 },
  main: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

export interface PageShellProps {
  heading: string;
  /** A line under the heading, e.g. "Product Launch · General". */
  subheading?: string | undefined;
  api: TabApi;
  children: ReactNode;
}

/** Landmarks shared by every page: skip link, banner with the h1, main, contentinfo. */
export function PageShell({ heading, subheading, api, children }: PageShellProps) {
  const styles = useStyles();
  const strings = useStrings();
  return (
    <>
      <a className={styles.skipLink} href="#main" onClick={focusMain}>
        {strings.skipToContent}
      </a>
      <header className={styles.header}>
        <Caption1 className={styles.appName}>{strings.appName}</Caption1>
        <Title2 as="h1" className={styles.heading}>
          {heading}
        </Title2>
        {subheading ? <Caption1>{subheading}</Caption1> : null}
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {children}
      </main>
      <ServiceFooter api={api} />
    </>
  );
}

// The routes live in the hash, so following "#main" would navigate away: move focus instead.
function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}
