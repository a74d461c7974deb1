import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { AddinControllers } from '../controllers/addin-controller';
import { headlineOf } from '../controllers/headline';
import { nextStep } from '../controllers/next-step';
import { exportSettingsOf } from '../controllers/export-controller';
import { strings } from '../i18n/pane';
import { ProblemList } from './components/ProblemList';
import { ProgressPanel } from './components/ProgressPanel';
import { StatusCard } from './components/StatusCard';
import { VerdictDetails } from './components/VerdictDetails';
import { FilesPanel } from './components/FilesPanel';
import { WelcomeCard } from './components/WelcomeCard';
import { usePaneState } from './use-pane-state';
import { ConfirmBar } from './components/ConfirmBar';
import { LinkedText } from './components/LinkedText';
import { MappingPanel } from './components/MappingPanel';
import { ReceiptPanel } from './components/ReceiptPanel';
import { ToolsPanel } from './components/ToolsPanel';
import { dropHandlers } from './drop-receipt';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    // File names and web addresses have no space to break at: they must not widen a 320 px pane.
    overflowWrap: 'break-word',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  notice: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
});

export interface AppProps {
  readonly controllers: AddinControllers;
  readonly dark: boolean;
}

/**
 * The task pane: the verdict and the next step on top, then what the last action said, the problems, and the
 * other tools. When an action of the pane ends, the focus goes to its result (the question asked, the message,
 * the panel it opened, or the verdict), so keyboard and screen-reader users carry on from there.
 */
export function App({ controllers, dark }: AppProps) {
  const styles = useStyles();
  const { runner, template, checks, exports, roundTrip, imports } = controllers;
  const state = usePaneState(runner);
  const busy = state.busy !== undefined;
  const step = nextStep(state);
  const headline = state.check ? headlineOf(state.check) : undefined;

  const statusHeading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  const mappingHeading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(state.resultVersion);
  // The panels open when the current action started: one it opens is its result, one already open is not.
  const panels = useRef({ mapping: false, receipt: false });
  useEffect(() => {
    if (busy) panels.current = { mapping: state.mapping !== undefined, receipt: state.receipt !== undefined };
  }, [busy]);
  // In the commit that shows the result, before anything else happens: the focus never lags behind the screen.
  useLayoutEffect(() => {
    if (state.resultVersion === focused.current || busy) return;
    focused.current = state.resultVersion;
    // A panel the action opened is its result; a panel left open from before is not.
    const opened = {
      mapping: state.mapping !== undefined && !panels.current.mapping,
      receipt: state.receipt !== undefined && !panels.current.receipt,
    };
    // Only when the user is in the pane: a ribbon command must not pull the focus out of the grid.
    if (!document.hasFocus()) return;
    const target =
      confirmRef.current?.querySelector('button') ??
      noticeRef.current ??
      (opened.mapping ? mappingHeading.current : null) ??
      (opened.receipt ? receiptHeading.current : null) ??
      statusHeading.current;
    target?.focus();
  }, [state.resultVersion, busy, state.mapping, state.receipt]);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.provider}>
      <main
        className={styles.root}
        {...dropHandlers(roundTrip, busy)}
        // For the browser tests: an action is over when the version moved and the pane is not busy.
        data-result-version={state.resultVersion ?? 0}
        data-busy={busy}
      >
        <h1 className={styles.title}>{strings.appTitle}</h1>
        {state.welcome ? (
          <WelcomeCard
            busy={busy}
            onCreate={() => void template.create()}
            onImportXml={(name, bytes) => void imports.importFluxXml(name, bytes)}
            onMapTable={() => void imports.startMapping()}
            headingRef={statusHeading}
          />
        ) : (
          <StatusCard
            step={step}
            headline={headline}
            busyLabel={state.busy?.label}
            parametersShown={state.parametersShown === true}
            headingRef={statusHeading}
            actions={{
              fillParameters: () => void template.fillParameters(),
              enterPassages: () => void template.enterPassages(),
              check: () => void checks.check(),
              exportXml: () => void exports.exportXml(),
              importReceipt: (name, bytes) => void roundTrip.importReceipt(name, bytes),
              confirmDeposit: (idFluxes) => void roundTrip.confirmDeposit(idFluxes),
            }}
            details={
              state.check && headline && headline.passages > 0 ? <VerdictDetails check={state.check} /> : null
            }
          />
        )}
        {state.busy ? (
          <ProgressPanel
            busy={state.busy}
            onCancel={() => runner.cancel()}
            showLabel={state.welcome === true}
          />
        ) : null}
        {state.confirm ? (
          <ConfirmBar
            ref={confirmRef}
            confirm={state.confirm}
            busy={busy}
            onConfirm={() => void runner.confirm()}
            onCancel={() => runner.dismissConfirm()}
          />
        ) : null}
        {state.notice ? (
          <MessageBar
            ref={noticeRef}
            tabIndex={-1}
            className={styles.notice}
            intent={state.notice.intent}
            role={state.notice.intent === 'error' ? 'alert' : 'status'}
          >
            <MessageBarBody>
              <LinkedText text={state.notice.text} />
            </MessageBarBody>
            {state.notice.offerUpgrade ? (
              <MessageBarActions>
                <Button size="small" disabled={busy} onClick={() => void template.upgrade()}>
                  {strings.upgradeTemplate}
                </Button>
              </MessageBarActions>
            ) : null}
            {state.notice.offerAddMissing ? (
              <MessageBarActions>
                <Button size="small" disabled={busy} onClick={() => void template.create(true)}>
                  {strings.addMissing}
                </Button>
              </MessageBarActions>
            ) : null}
          </MessageBar>
        ) : null}
        {state.filesToSave ? (
          <FilesPanel
            files={state.filesToSave}
            busy={busy}
            onSave={(fileName) => void exports.saveFile(fileName)}
            onClose={() => exports.dismissXml()}
          />
        ) : null}
        {state.check && state.issues.length === 0 ? <p>{strings.noProblem}</p> : null}
        {state.receipt ? (
          <ReceiptPanel view={state.receipt} busy={busy} roundTrip={roundTrip} headingRef={receiptHeading} />
        ) : null}
        {state.mapping ? (
          <MappingPanel view={state.mapping} busy={busy} imports={imports} headingRef={mappingHeading} />
        ) : null}
        <ProblemList
          issues={state.issues}
          readiness={state.check?.readiness}
          holders={state.check?.holders}
          sheets={state.check?.sheets}
          busy={busy}
          onSelect={(issue) => void checks.selectIssue(issue)}
          onGenerateIds={() => void roundTrip.generateIds()}
          onClearMarks={() => void checks.clearMarks()}
          fieldLabel={(id) => runner.fieldLabel(id)}
        />
        {state.welcome ? null : (
          <ToolsPanel
            roundTrip={roundTrip}
            imports={imports}
            exports={exports}
            busy={busy}
            settings={exportSettingsOf(state)}
            officialXsd={state.officialXsd}
            officialXsdMessage={state.officialXsdMessage}
            offerReceiptImport={step.kind !== 'deposit' && step.kind !== 'importReceipt'}
          />
        )}
      </main>
    </FluentProvider>
  );
}
