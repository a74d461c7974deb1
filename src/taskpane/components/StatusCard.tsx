import { Button, Checkbox, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useState, type ReactNode, type Ref } from 'react';
import type { FileToDeposit } from '../../core/tracking';
import type { Headline } from '../../controllers/headline';
import type { NextStep } from '../../controllers/next-step';
import { strings } from '../../i18n/pane';
import { FileButton, fileBytes } from './FileButton';
import { useCardStyles } from './panel-styles';

const useStyles = makeStyles({
  // A verdict that is not colour alone: the bar's colour repeats what the heading says.
  verdict: { borderLeft: `4px solid ${tokens.colorNeutralStroke1}` },
  ready: { borderLeftColor: tokens.colorPaletteGreenBorderActive },
  points: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  blocked: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  files: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, border: 'none', minWidth: 0 },
  fileName: { overflowWrap: 'anywhere' },
});

/** What the buttons of the card do (the controllers' methods, narrowed). */
export interface StatusActions {
  readonly fillParameters: () => void;
  readonly enterPassages: () => void;
  readonly check: () => void;
  readonly exportXml: () => void;
  readonly importReceipt: (fileName: string, bytes: Uint8Array) => void;
  /** « J'ai déposé le fichier »: the files ticked (their idFlux), or all those waiting when undefined. */
  readonly confirmDeposit: (idFluxes?: readonly string[]) => void;
}

export interface StatusCardProps {
  readonly step: NextStep;
  /** The verdict of the last check of the workbook; undefined before any check. */
  readonly headline?: Headline;
  /** What is happening now (the status line says it instead of the next step). */
  readonly busyLabel?: string;
  /** « Remplir les paramètres » was followed: say what to do there. */
  readonly parametersShown: boolean;
  readonly actions: StatusActions;
  /** The heading, focused when an action ends. */
  readonly headingRef?: Ref<HTMLHeadingElement>;
  /** The verdict's details (readiness, deadlines, warnings), behind a disclosure. */
  readonly details?: ReactNode;
}

/** Steps of the round trip: their title says where the file is, whatever the verdict. */
const ROUND_TRIP_STEPS: ReadonlySet<NextStep['kind']> = new Set(['deposit', 'importReceipt']);

function title(step: NextStep, headline: Headline | undefined): string {
  if (headline && headline.passages > 0) {
    if (headline.verdict === 'blocked') {
      const errors = headline.blocking - headline.rejected;
      if (headline.rejected === 0) return strings.verdict.blocked(errors);
      return errors > 0
        ? strings.verdict.blockedAndRejected(errors, headline.rejected)
        : strings.verdict.rejected(headline.rejected);
    }
    return ROUND_TRIP_STEPS.has(step.kind) ? strings.stepTitle[step.kind] : strings.verdict[headline.verdict];
  }
  return strings.stepTitle[step.kind];
}

function stepText(step: NextStep, parametersShown: boolean): string {
  const text =
    step.kind === 'check' && step.errors
      ? strings.stepText.fix
      : step.kind === 'deposit' && (step.toDeposit?.length ?? 0) > 1
        ? strings.stepText.depositSeveral
        : (step.kind === 'enterPassages' || step.kind === 'check') && parametersShown
          ? strings.parametersShownText
          : strings.stepText[step.kind];
  // After « Étape suivante : », French goes on in lower case.
  return text.charAt(0).toLocaleLowerCase('fr-FR') + text.slice(1);
}

/**
 * The top of the pane: one verdict about the workbook (« Prêt », « Prêt, avec des points à vérifier »,
 * « Bloqué : N erreurs ») or, before any check, the step the user is at; the workbook's totals; a status line that
 * says what is happening while busy and what to do next otherwise; and the buttons, the next step's first and
 * primary.
 */
export function StatusCard(props: StatusCardProps) {
  const styles = useStyles();
  const card = useCardStyles();
  const { step, headline, actions, busyLabel } = props;
  const busy = busyLabel !== undefined;
  const tone =
    headline && headline.passages > 0
      ? headline.verdict === 'blocked'
        ? styles.blocked
        : headline.verdict === 'readyWithPoints'
          ? styles.points
          : styles.ready
      : undefined;
  // « Corriger les rejetés » is done in the sheet: the button that follows is « Vérifier ».
  const primary = step.kind === 'fixRejected' ? 'check' : step.kind;
  const buttons: { key: string; label: string; onClick: () => void; show: boolean }[] = [
    {
      key: 'fillParameters',
      label: strings.fillParameters,
      onClick: actions.fillParameters,
      show: primary === 'fillParameters',
    },
    {
      key: 'enterPassages',
      label: strings.enterPassages,
      onClick: actions.enterPassages,
      show: primary === 'enterPassages',
    },
    { key: 'check', label: strings.check, onClick: actions.check, show: true },
    { key: 'export', label: strings.exportXml, onClick: actions.exportXml, show: true },
  ];
  // The next step's button first, and the only primary one.
  const ordered = [...buttons.filter((b) => b.key === primary), ...buttons.filter((b) => b.key !== primary)];
  return (
    <section className={mergeClasses(card.root, styles.verdict, tone)} aria-labelledby="status-title">
      <h2 id="status-title" className={card.heading} tabIndex={-1} ref={props.headingRef}>
        {title(step, headline)}
      </h2>
      {headline && headline.passages > 0 ? (
        <Text>{strings.totals(headline.passages, headline.certifications)}</Text>
      ) : null}
      <Text role="status" aria-live="polite">
        {busy ? (
          busyLabel
        ) : (
          <>
            <Text weight="semibold">{strings.nextStepLabel}</Text> {stepText(step, props.parametersShown)}
          </>
        )}
      </Text>
      {step.toDeposit && step.toDeposit.length > 0 ? (
        <DepositFiles
          files={step.toDeposit}
          primary={step.kind === 'deposit'}
          busy={busy}
          onConfirm={actions.confirmDeposit}
        />
      ) : null}
      <div className={card.actions} role="group" aria-label={strings.mainActions}>
        {ROUND_TRIP_STEPS.has(step.kind) ? (
          <FileButton
            label={strings.importReceipt}
            accept=".xml"
            disabled={busy}
            primary={step.kind === 'importReceipt'}
            onFile={(file) => void fileBytes(file).then((b) => actions.importReceipt(file.name, b))}
          />
        ) : null}
        {ordered
          .filter((b) => b.show)
          .map((b) => (
            <Button
              key={b.key}
              appearance={b.key === primary ? 'primary' : 'secondary'}
              data-next-step={b.key === primary ? 'true' : undefined}
              disabled={busy}
              onClick={b.onClick}
            >
              {b.label}
            </Button>
          ))}
      </div>
      {props.details}
    </section>
  );
}

/**
 * The files the workbook says are exported and not deposited, each by its name in the Historique, and the button
 * that says them deposited. Several files: each has its box (all ticked), so that only the files really deposited
 * become « Déposé ». The button is the primary one when depositing is the next step.
 */
function DepositFiles(props: {
  readonly files: readonly FileToDeposit[];
  readonly primary: boolean;
  readonly busy: boolean;
  readonly onConfirm: (idFluxes?: readonly string[]) => void;
}) {
  const styles = useStyles();
  const card = useCardStyles();
  const { files } = props;
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const ticked = files.map((f) => f.idFlux).filter((id) => !unticked.has(id));
  const button = (label: string, onClick: () => void, disabled: boolean) => (
    <div className={card.actions}>
      <Button
        appearance={props.primary ? 'primary' : 'secondary'}
        data-next-step={props.primary ? 'true' : undefined}
        disabled={props.busy || disabled}
        onClick={onClick}
      >
        {label}
      </Button>
    </div>
  );
  if (files.length === 1) {
    const file = files[0];
    return (
      <>
        <Text className={styles.fileName}>
          {strings.oneFileToDeposit(strings.fileToDepositName(file.fileName, file.rows))}
        </Text>
        {button(strings.confirmDeposit, () => props.onConfirm([file.idFlux]), false)}
      </>
    );
  }
  return (
    <>
      <fieldset className={styles.files}>
        <legend>
          <Text>{strings.filesToDeposit(files.length)}</Text>
        </legend>
        {files.map((file) => (
          <Checkbox
            key={file.idFlux}
            className={styles.fileName}
            label={strings.fileToDepositName(file.fileName, file.rows)}
            checked={!unticked.has(file.idFlux)}
            onChange={(_, data) =>
              setUnticked((before) => {
                const next = new Set(before);
                if (data.checked === true) next.delete(file.idFlux);
                else next.add(file.idFlux);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      {button(strings.confirmDepositTicked, () => props.onConfirm(ticked), ticked.length === 0)}
    </>
  );
}
