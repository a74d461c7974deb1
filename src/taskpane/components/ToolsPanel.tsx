import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
} from '@fluentui/react-components';
import type { ExportController } from '../../controllers/export-controller';
import type { ImportController } from '../../controllers/import-controller';
import type { ExportSettings, NoticeIntent } from '../../controllers/pane-state';
import type { RoundTripController } from '../../controllers/round-trip-controller';
import type { ExportMode } from '../../core/tracking';
import { strings } from '../../i18n/pane';
import { FileButton, fileBytes } from './FileButton';
import { usePanelStyles } from './panel-styles';

/**
 * The round trip with the CDC (identifiers, accusés), taking existing data in, the export options, and behind
 * « Options avancées » the official XSD: the only part of the pane that speaks of XSD (marked data-advanced).
 */
export function ToolsPanel(props: {
  readonly roundTrip: Pick<RoundTripController, 'generateIds' | 'importReceipt'>;
  readonly imports: Pick<ImportController, 'importFluxXml' | 'startMapping'>;
  readonly exports: Pick<ExportController, 'setSettings' | 'loadOfficialXsd'>;
  readonly busy: boolean;
  readonly settings: ExportSettings;
  readonly officialXsd?: { readonly fileName: string; readonly version: string };
  readonly officialXsdMessage?: { readonly intent: NoticeIntent; readonly text: string };
  /** False while « Importer un accusé » is the next step's button, at the top of the pane. */
  readonly offerReceiptImport: boolean;
}) {
  const { roundTrip, imports, exports, busy, settings } = props;
  const styles = usePanelStyles();
  // Accusés and CDC files are decoded by the core, which knows their encoding: they go as bytes.
  const bytes = (take: (name: string, bytes: Uint8Array) => Promise<void>) => (file: File) =>
    void fileBytes(file).then((b) => take(file.name, b));
  return (
    <>
      <section className={styles.section} aria-labelledby="tools-title">
        <h2 id="tools-title" className={styles.title}>
          {strings.toolsTitle}
        </h2>
        <div className={styles.actions}>
          <Button disabled={busy} onClick={() => void roundTrip.generateIds()}>
            {strings.generateIds}
          </Button>
          {props.offerReceiptImport ? (
            <FileButton
              label={strings.importReceipt}
              accept=".xml"
              disabled={busy}
              onFile={bytes((name, b) => roundTrip.importReceipt(name, b))}
            />
          ) : null}
        </div>
        <Text size={200}>{strings.dropHint}</Text>
        <h3 className={styles.subtitle}>{strings.importsTitle}</h3>
        <div className={styles.actions}>
          <FileButton
            label={strings.importFluxXml}
            accept=".xml"
            disabled={busy}
            onFile={bytes((name, b) => imports.importFluxXml(name, b))}
          />
          <Button disabled={busy} onClick={() => void imports.startMapping()}>
            {strings.mapTable}
          </Button>
        </div>
        <h3 className={styles.subtitle}>{strings.exportSettingsTitle}</h3>
        <Field label={strings.exportModeLabel}>
          <RadioGroup
            layout="horizontal"
            value={settings.mode}
            onChange={(_, d) => exports.setSettings({ ...settings, mode: d.value as ExportMode })}
          >
            {(Object.keys(strings.exportModes) as ExportMode[]).map((mode) => (
              <Radio key={mode} value={mode} label={strings.exportModes[mode]} disabled={busy} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={strings.maxPerFileLabel}>
          <Input
            type="number"
            min={1}
            value={settings.maxPassagesPerFile ? String(settings.maxPassagesPerFile) : ''}
            disabled={busy}
            onChange={(_, d) => {
              const value = Math.floor(Number(d.value));
              exports.setSettings({
                ...settings,
                maxPassagesPerFile: d.value !== '' && value >= 1 ? value : undefined,
              });
            }}
          />
        </Field>
      </section>
      <Accordion collapsible data-advanced="true">
        <AccordionItem value="advanced">
          <AccordionHeader as="h2" size="small">
            {strings.advancedTitle}
          </AccordionHeader>
          <AccordionPanel className={styles.advanced}>
            <Text size={200}>{strings.officialXsdExplain}</Text>
            <div className={styles.actions}>
              <FileButton
                label={strings.loadOfficialXsd}
                accept=".xsd,.xml"
                disabled={busy}
                onFile={(file) => void file.text().then((t) => exports.loadOfficialXsd(file.name, t))}
              />
            </div>
            {props.officialXsdMessage ? (
              <MessageBar intent={props.officialXsdMessage.intent} role="status">
                <MessageBarBody>{props.officialXsdMessage.text}</MessageBarBody>
              </MessageBar>
            ) : null}
            {props.officialXsd ? (
              <Text size={200}>
                {strings.officialXsdActive(props.officialXsd.fileName, props.officialXsd.version)}
              </Text>
            ) : null}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </>
  );
}
