import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { AddinControllers } from '../controllers/addin-controller';
import { strings } from '../i18n/pane';
import { ProblemList } from './components/ProblemList';
import { ProgressPanel } from './components/ProgressPanel';
import { SummaryCard } from './components/SummaryCard';
import { XmlCopyPanel } from './components/XmlCopyPanel';
import { WelcomeCard } from './components/WelcomeCard';
import { usePaneState } from './use-pane-state';
import { ConfirmBar } from './components/ConfirmBar';
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
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface AppProps {
  readonly controllers: AddinControllers;
  readonly dark: boolean;
}

export function App({ controllers, dark }: AppProps) {
  const styles = useStyles();
  const { runner, template, checks, exports, roundTrip, imports } = controllers;
  const state = usePaneState(runner);
  const busy = state.busy !== undefined;
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.provider}>
      <main className={styles.root} {...dropHandlers(roundTrip, busy)}>
        <Text as="h1" size={500} weight="semibold">
          {strings.appTitle}
        </Text>
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy} onClick={() => void checks.check()}>
            {strings.check}
          </Button>
          <Button disabled={busy} onClick={() => void exports.exportXml()}>
            {strings.exportXml}
          </Button>
          <Button disabled={busy} onClick={() => void template.create()}>
            {strings.newTemplate}
          </Button>
          <Button appearance="subtle" disabled={busy} onClick={() => void checks.clearMarks()}>
            {strings.clearMarks}
          </Button>
        </div>
        {state.busy ? <ProgressPanel busy={state.busy} onCancel={() => runner.cancel()} /> : null}
        {state.confirm ? (
          <ConfirmBar
            confirm={state.confirm}
            busy={busy}
            onConfirm={() => void runner.confirm()}
            onCancel={() => runner.dismissConfirm()}
          />
        ) : null}
        {state.notice ? (
          <MessageBar
            intent={state.notice.intent}
            role={state.notice.intent === 'error' ? 'alert' : 'status'}
          >
            <MessageBarBody>{state.notice.text}</MessageBarBody>
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
        {state.xmlToCopy ? (
          <XmlCopyPanel
            fileName={state.xmlToCopy.fileName}
            xml={state.xmlToCopy.xml}
            onClose={() => exports.dismissXml()}
          />
        ) : null}
        {state.welcome ? <WelcomeCard /> : null}
        {state.welcome ? null : <SummaryCard check={state.check} />}
        {state.check && state.issues.length === 0 ? <Text>{strings.noProblem}</Text> : null}
        {state.receipt ? <ReceiptPanel view={state.receipt} busy={busy} roundTrip={roundTrip} /> : null}
        {state.mapping ? <MappingPanel view={state.mapping} busy={busy} imports={imports} /> : null}
        <ProblemList
          issues={state.issues}
          readiness={state.check?.readiness}
          onSelect={(issue) => void checks.selectIssue(issue)}
          fieldLabel={(id) => runner.fieldLabel(id)}
        />
        <ToolsPanel
          roundTrip={roundTrip}
          imports={imports}
          exports={exports}
          busy={busy}
          settings={state.exportSettings ?? { mode: 'all' }}
          officialXsd={state.officialXsd}
        />
      </main>
    </FluentProvider>
  );
}
