import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Busy } from '../../controllers/addin-controller';
import { strings } from '../../i18n/pane';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  field: { flexGrow: 1 },
});

/** The progress bar and « Annuler »; the label under the bar when no status line says it already. */
export function ProgressPanel(props: {
  readonly busy: Busy;
  readonly onCancel: () => void;
  readonly showLabel: boolean;
}) {
  const { busy, onCancel } = props;
  const styles = useStyles();
  const value = busy.total ? (busy.done ?? 0) / busy.total : undefined;
  return (
    <div className={styles.root}>
      <Field
        className={styles.field}
        validationMessage={props.showLabel ? busy.label : undefined}
        validationState="none"
      >
        <ProgressBar value={value} thickness="large" aria-label={busy.label} />
      </Field>
      <Button onClick={onCancel}>{strings.cancel}</Button>
    </div>
  );
}
