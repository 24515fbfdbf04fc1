import { Body1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
  },
  icon: { width: "48px", height: "48px", color: tokens.colorNeutralForeground3 },
  title: { margin: 0 },
  body: { margin: 0, maxWidth: "42ch" },
});

/** A calm "nothing here" block; the icon uses currentColor so it follows every theme. */
export function EmptyState({ title, body }: { title: string; body: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <svg className={styles.icon} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <rect x="6" y="10" width="36" height="32" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M6 19h36M16 6v8M32 6v8" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <Subtitle2 as="p" className={styles.title}>
        {title}
      </Subtitle2>
      <Body1 as="p" className={styles.body}>
        {body}
      </Body1>
    </div>
  );
}
