import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { forwardRef } from 'react';
import type { Confirmation } from '../../controllers/pane-state';
import { strings } from '../../i18n/pane';

/** The question asked before the add-in writes into the workbook (focusable: the pane moves the focus to it). */
export const ConfirmBar = forwardRef<
  HTMLDivElement,
  {
    readonly confirm: Confirmation;
    readonly busy: boolean;
    readonly onConfirm: () => void;
    readonly onCancel: () => void;
  }
>(function ConfirmBar(props, ref) {
  return (
    <MessageBar ref={ref} tabIndex={-1} intent="warning" role="alertdialog" aria-label={strings.confirmTitle}>
      <MessageBarBody>{props.confirm.text}</MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" size="small" disabled={props.busy} onClick={props.onConfirm}>
          {props.confirm.confirmLabel}
        </Button>
        <Button size="small" disabled={props.busy} onClick={props.onCancel}>
          {strings.confirmCancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
});
