import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { TabApiError, type TabApi } from "../api";
import { fetchAccountStatus, type AccountStatus, type AccountStep } from "../accounts";
import { format, type Strings } from "../i18n";
import { useStrings } from "../strings-context";
import { DisconnectDialog } from "./disconnect-dialog";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: "anywhere", display: "flex", flexDirection: "column" },
  steps: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: "none" },
  step: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  flush: { margin: 0 },
});

type Load =
  | { state: "loading" }
  | { state: "loaded"; status: AccountStatus }
  | { state: "failed"; needsSignIn: boolean };

/**
 * "Your accounts": who the tab is signed in as (from the verified Teams SSO token), the
 * authorization mode, the matched Webex account, and the steps still to take — each a link to
 * the sign-in, connect or admin-consent page. Those pages open in a new window (identity
 * providers refuse to be framed), so the status is checked again when the tab gets focus back.
 */
export function AccountsPanel({ api, className }: { api: TabApi; className?: string }) {
  const styles = useStyles();
  const strings = useStrings();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [refreshing, setRefreshing] = useState(false);
  const [notice, setNotice] = useState<string>();
  const inFlight = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(
    (options: { quiet?: boolean } = {}) => {
      inFlight.current?.abort();
      const abort = new AbortController();
      inFlight.current = abort;
      if (!options.quiet) setLoad((previous) => (previous.state === "loaded" ? previous : { state: "loading" }));
      setRefreshing(true);
      fetchAccountStatus(api, abort.signal).then(
        (status) => {
          if (abort.signal.aborted) return;
          setLoad({ state: "loaded", status });
          setRefreshing(false);
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          console.warn("Could not load the account status", error);
          setLoad({ state: "failed", needsSignIn: error instanceof TabApiError && error.needsSignIn });
          setRefreshing(false);
        },
      );
    },
    [api],
  );

  useEffect(() => {
    refresh();
    return () => inFlight.current?.abort();
  }, [refresh]);

  // Back from the sign-in window: look again, without a spinner replacing what is shown.
  const pending = load.state === "loaded" && !load.status.ready;
  useEffect(() => {
    if (!pending) return undefined;
    const onFocus = () => refresh({ quiet: true });
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [pending, refresh]);

  return (
    <section className={className} aria-labelledby="accounts-heading" aria-busy={load.state === "loading" || refreshing}>
      <Subtitle1 as="h2" id="accounts-heading" className={styles.flush}>
        {strings.accountsHeading}
      </Subtitle1>
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {load.state === "loading" ? <Spinner size="small" labelPosition="after" label={strings.accountsLoading} /> : null}
      {load.state === "failed" ? <LoadFailed needsSignIn={load.needsSignIn} onRetry={() => refresh()} /> : null}
      {load.state === "loaded" ? (
        <>
          <AccountFacts status={load.status} />
          {load.status.ready ? (
            <MessageBar intent="success">
              <MessageBarBody>{strings.accountsReady}</MessageBarBody>
            </MessageBar>
          ) : (
            <NextSteps steps={load.status.steps} />
          )}
          <div className={styles.actions}>
            <Button onClick={() => refresh({ quiet: true })} disabled={refreshing}>
              {strings.accountsRefresh}
            </Button>
            <DisconnectDialog
              api={api}
              onDisconnected={() => {
                setNotice(strings.disconnectDone);
                refresh({ quiet: true });
              }}
              onSignInNeeded={() => setLoad({ state: "failed", needsSignIn: true })}
            />
            {refreshing ? <Spinner size="tiny" aria-label={strings.accountsLoading} /> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

function LoadFailed({ needsSignIn, onRetry }: { needsSignIn: boolean; onRetry: () => void }) {
  const strings = useStrings();
  return (
    <MessageBar intent={needsSignIn ? "warning" : "error"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{needsSignIn ? strings.accountsSignInTitle : strings.accountsErrorTitle}</MessageBarTitle>
        {needsSignIn ? strings.accountsSignInBody : strings.accountsErrorBody}
      </MessageBarBody>
      <MessageBarActions>
        {/* Teams hands out a fresh SSO token on the next request (asking for consent if needed). */}
        <Button onClick={onRetry}>{needsSignIn ? strings.accountsSignInAgain : strings.accountsRetry}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

function AccountFacts({ status }: { status: AccountStatus }) {
  const styles = useStyles();
  const strings = useStrings();
  const { user } = status;
  return (
    <dl className={styles.facts}>
      <dt className={styles.term}>
        <Body1>{strings.accountsMicrosoft}</Body1>
      </dt>
      <dd className={styles.detail}>
        <Body1>{user.displayName ?? user.userPrincipalName ?? user.userId}</Body1>
        {user.displayName && user.userPrincipalName ? <Caption1>{user.userPrincipalName}</Caption1> : null}
      </dd>
      <dt className={styles.term}>
        <Body1>{strings.accountsMode}</Body1>
      </dt>
      <dd className={styles.detail}>
        <Body1>{status.mode === "tenant" ? strings.modeTenant : strings.modeIndividual}</Body1>
      </dd>
      <dt className={styles.term}>
        <Body1>{strings.accountsWebex}</Body1>
      </dt>
      <dd className={styles.detail}>
        <Body1>{webexText(status, strings)}</Body1>
      </dd>
    </dl>
  );
}

/** The Webex line: the matched account, or why there is none. */
export function webexText(status: AccountStatus, strings: Strings): string {
  const { match, webex } = status;
  if (webex?.email && webex.via === "service-token") return format(strings.webexViaService, { email: webex.email });
  switch (match?.kind) {
    case "matched":
      return format(strings.webexMatched, { email: match.webexEmail });
    case "no-webex-account":
      return match.tried.length > 0 ? format(strings.webexNoAccount, { addresses: match.tried.join(", ") }) : strings.webexNotConnected;
    case "domain-not-verified":
      return strings.webexDomainNotVerified;
    case "account-disabled":
      return strings.webexAccountDisabled;
    case undefined:
      return webex?.email ? format(strings.webexMatched, { email: webex.email }) : strings.webexNotConnected;
  }
}

function NextSteps({ steps }: { steps: AccountStep[] }) {
  const styles = useStyles();
  const strings = useStrings();
  return (
    <>
      <Subtitle2 as="h3" className={styles.flush}>
        {strings.nextStepsHeading}
      </Subtitle2>
      <ol className={styles.steps}>
        {steps.map((step, index) => (
          <li key={`${step.kind}-${index}`} className={styles.step}>
            <StepItem step={step} primary={index === 0} />
          </li>
        ))}
      </ol>
      <Caption1>{strings.stepOpensInNewWindow}</Caption1>
    </>
  );
}

function StepItem({ step, primary }: { step: AccountStep; primary: boolean }) {
  const strings = useStrings();
  // Identity providers refuse to load inside the Teams frame: every link opens a new window.
  const link = (label: string) => (
    <Button as="a" href={step.url} target="_blank" rel="noopener noreferrer" appearance={primary ? "primary" : "secondary"}>
      {label}
    </Button>
  );
  switch (step.kind) {
    case "microsoft-sign-in":
      return link(strings.stepMicrosoftSignIn);
    case "webex-connect":
      return link(strings.stepConnectWebex);
    case "admin-consent-missing":
      return (
        <>
          <Body1>{strings.stepAdminConsent}</Body1>
          {link(strings.stepAdminConsentLink)}
        </>
      );
    case "webex-account-mismatch":
      return (
        <>
          <Body1>{format(strings.stepWebexMismatch, { connectedAs: step.connectedAs, expected: step.expected })}</Body1>
          {link(format(strings.stepWebexMismatchButton, { expected: step.expected }))}
        </>
      );
    case "other":
      return link(strings.stepOther);
  }
}
