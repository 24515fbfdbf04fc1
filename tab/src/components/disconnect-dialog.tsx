import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
} from "@fluentui/react-components";
import { useState } from "react";
import { TabApiError, type TabApi } from "../api";
import { disconnectAccounts } from "../accounts";
import { useStrings } from "../strings-context";

/**
 * The Disconnect button and its confirmation: disconnecting forgets the user's tokens, the
 * account link and the calendar subscriptions, so it is never one click. The dialog stays open
 * (with the error) when it fails, and cannot be dismissed while the request runs.
 */
export function DisconnectDialog({
  api,
  onDisconnected,
  onSignInNeeded,
}: {
  api: TabApi;
  onDisconnected: () => void;
  onSignInNeeded: () => void;
}) {
  const strings = useStrings();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const confirm = () => {
    setBusy(true);
    setFailed(false);
    disconnectAccounts(api).then(
      () => {
        setBusy(false);
        setOpen(false);
        onDisconnected();
      },
      (error: unknown) => {
        console.warn("Disconnect failed", error);
        setBusy(false);
        if (error instanceof TabApiError && error.needsSignIn) {
          setOpen(false);
          onSignInNeeded();
        } else {
          setFailed(true);
        }
      },
    );
  };

  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (busy) return;
        setOpen(data.open);
        if (data.open) setFailed(false);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button>{strings.disconnect}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.disconnectTitle}</DialogTitle>
          <DialogContent>
            <p>{strings.disconnectBody}</p>
            {failed ? (
              <MessageBar intent="error">
                <MessageBarBody>{strings.disconnectFailed}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={confirm} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
              {busy ? strings.disconnecting : strings.disconnectConfirm}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy}>{strings.disconnectCancel}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
