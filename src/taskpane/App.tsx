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
import type { AddinController } from '../controllers/addin-controller';
import { strings } from '../i18n/pane';
import { ProblemList } from './components/ProblemList';
import { ProgressPanel } from './components/ProgressPanel';
import { SummaryCard } from './components/SummaryCard';
import { XmlCopyPanel } from './components/XmlCopyPanel';
import { WelcomeCard } from './components/WelcomeCard';
import { usePaneState } from './use-pane-state';
import { ConfirmBar, MappingPanel, ReceiptPanel, ToolsPanel } from './components/RoundTripPanels';
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
  readonly controller: AddinController;
  readonly dark: boolean;
}

export function App({ controller, dark }: AppProps) {
  const styles = useStyles();
  const state = usePaneState(controller);
  const busy = state.busy !== undefined;
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.provider}>
      <main className={styles.root} {...dropHandlers(controller, busy)}>
        <Text as="h1" size={500} weight="semibold">
          {strings.appTitle}
        </Text>
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy} onClick={() => void controller.check()}>
            {strings.check}
          </Button>
          <Button disabled={busy} onClick={() => void controller.exportXml()}>
            {strings.exportXml}
          </Button>
          <Button disabled={busy} onClick={() => void controller.newTemplate()}>
            {strings.newTemplate}
          </Button>
          <Button appearance="subtle" disabled={busy} onClick={() => void controller.clearMarks()}>
            {strings.clearMarks}
          </Button>
        </div>
        {state.busy ? <ProgressPanel busy={state.busy} onCancel={() => controller.cancel()} /> : null}
        {state.confirm ? <ConfirmBar confirm={state.confirm} busy={busy} controller={controller} /> : null}
        {state.notice ? (
          <MessageBar
            intent={state.notice.intent}
            role={state.notice.intent === 'error' ? 'alert' : 'status'}
          >
            <MessageBarBody>{state.notice.text}</MessageBarBody>
            {state.notice.offerUpgrade ? (
              <MessageBarActions>
                <Button size="small" disabled={busy} onClick={() => void controller.upgradeTemplate()}>
                  {strings.upgradeTemplate}
                </Button>
              </MessageBarActions>
            ) : null}
            {state.notice.offerAddMissing ? (
              <MessageBarActions>
                <Button size="small" disabled={busy} onClick={() => void controller.newTemplate(true)}>
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
            onClose={() => controller.dismissXml()}
          />
        ) : null}
        {state.welcome ? <WelcomeCard /> : null}
        {state.welcome ? null : <SummaryCard check={state.check} />}
        {state.check && state.issues.length === 0 ? <Text>{strings.noProblem}</Text> : null}
        {state.receipt ? <ReceiptPanel view={state.receipt} busy={busy} controller={controller} /> : null}
        {state.mapping ? <MappingPanel view={state.mapping} busy={busy} controller={controller} /> : null}
        <ProblemList
          issues={state.issues}
          readiness={state.check?.readiness}
          onSelect={(issue) => void controller.selectIssue(issue)}
          fieldLabel={(id) => controller.fieldLabel(id)}
        />
        <ToolsPanel
          controller={controller}
          busy={busy}
          settings={state.exportSettings ?? { mode: 'all' }}
          officialXsd={state.officialXsd}
        />
      </main>
    </FluentProvider>
  );
}
