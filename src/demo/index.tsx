import { Button, FluentProvider, makeStyles, Text, tokens, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createXmlValidator } from '../core/xsd/xml-validator';
import type { HostExcelRun } from '../office/excel-run';
import type { FakeExcel } from '../fake-excel';
import { createExcelWorkbookPort } from '../office/workbook-port';
import { AddinControllers } from '../controllers/addin-controller';
import { createXmlSaver } from '../taskpane/save-file';
import { App } from '../taskpane/App';
import { demoText } from '../i18n/demo';
import { CURRENT_SCHEMA_VERSION, getDictionary } from '../dictionary';
import { EXAMPLE_VALID, EXAMPLE_WITH_MISTAKES } from '../core/template/examples';
import { browserXmllintRunner } from '../workers/browser-xmllint-runner';
import { demoWorkbook } from './demo-workbook';
import { SheetGrid } from './SheetGrid';

/**
 * npm run demo: the real task pane (same components, same controller) driving the in-memory Excel, next
 * to a grid that shows that workbook. Office.js is not loaded: nothing but this page's files is requested.
 */

const useStyles = makeStyles({
  page: { display: 'flex', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  pane: { width: '360px', flexShrink: 0, borderRight: `1px solid ${tokens.colorNeutralStroke1}` },
  workbook: {
    flexGrow: 1,
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

interface Session {
  readonly excel: FakeExcel;
  readonly controllers: AddinControllers;
  readonly key: number;
}

function DemoPage() {
  const styles = useStyles();
  const [session, setSession] = useState<Session | undefined>();
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);

  const load = useCallback(
    async (content: typeof EXAMPLE_VALID | undefined) => {
      // The demo is a composition root: it loads the dictionary the pane works with.
      const dictionary = getDictionary(CURRENT_SCHEMA_VERSION);
      const excel = await demoWorkbook(dictionary, content);
      // Every batch of the pane may change the workbook: redraw the grid after each one.
      const run = (async (...args: Parameters<HostExcelRun>) => {
        try {
          return await (excel.excelRun as (...a: Parameters<HostExcelRun>) => Promise<unknown>)(...args);
        } finally {
          refresh();
        }
      }) as HostExcelRun;
      const controllers = new AddinControllers({
        dictionary,
        workbook: createExcelWorkbookPort({ run, notes: true, dictionary }),
        validateXml: createXmlValidator(browserXmllintRunner()),
        saveXml: createXmlSaver('web'),
        now: () => new Date(),
      });
      setSession((previous) => ({ excel, controllers, key: (previous?.key ?? 0) + 1 }));
      void controllers.template.start();
    },
    [refresh],
  );

  useEffect(() => {
    void load(EXAMPLE_WITH_MISTAKES);
  }, [load]);

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.page}>
        <div className={styles.pane}>
          {session ? <App key={session.key} controllers={session.controllers} dark={false} /> : null}
        </div>
        <section className={styles.workbook}>
          <Text as="h2" size={500} weight="semibold">
            {demoText.title}
          </Text>
          <Text>{demoText.intro}</Text>
          <div className={styles.toolbar}>
            <Button onClick={() => void load(EXAMPLE_WITH_MISTAKES)}>{demoText.loadMistakes}</Button>
            <Button onClick={() => void load(EXAMPLE_VALID)}>{demoText.loadValid}</Button>
            <Button onClick={() => void load(undefined)}>{demoText.loadEmpty}</Button>
          </div>
          {session ? (
            <SheetGrid key={session.key} excel={session.excel} revision={revision} onEdited={refresh} />
          ) : null}
        </section>
      </div>
    </FluentProvider>
  );
}

const container = document.getElementById('root');
if (container) createRoot(container).render(<DemoPage />);
