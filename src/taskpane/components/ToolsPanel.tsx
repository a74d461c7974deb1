import { Button, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import type { ExportController } from '../../controllers/export-controller';
import type { ImportController } from '../../controllers/import-controller';
import type { ExportSettings } from '../../controllers/pane-state';
import type { RoundTripController } from '../../controllers/round-trip-controller';
import type { ExportMode } from '../../core/tracking';
import { strings } from '../../i18n/pane';
import { FileButton, fileBytes } from './FileButton';
import { usePanelStyles } from './panel-styles';

/** The round trip with the CDC (export options, accusés, identifiers, official XSD) and imports. */
export function ToolsPanel(props: {
  readonly roundTrip: Pick<RoundTripController, 'generateIds' | 'importReceipt'>;
  readonly imports: Pick<ImportController, 'importFluxXml' | 'startMapping'>;
  readonly exports: Pick<ExportController, 'setSettings' | 'loadOfficialXsd'>;
  readonly busy: boolean;
  readonly settings: ExportSettings;
  readonly officialXsd?: { readonly fileName: string; readonly version: string };
}) {
  const { roundTrip, imports, exports, busy, settings } = props;
  const styles = usePanelStyles();
  // Accusés and CDC files are decoded by the core, which knows their encoding: they go as bytes.
  const bytes = (take: (name: string, bytes: Uint8Array) => Promise<void>) => (file: File) =>
    void fileBytes(file).then((b) => take(file.name, b));
  const xmlFiles: [string, (name: string, bytes: Uint8Array) => Promise<void>][] = [
    [strings.importReceipt, (name, b) => roundTrip.importReceipt(name, b)],
    [strings.importFluxXml, (name, b) => imports.importFluxXml(name, b)],
  ];
  return (
    <section className={styles.section} aria-label={strings.toolsTitle}>
      <Text weight="semibold">{strings.toolsTitle}</Text>
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => void roundTrip.generateIds()}>
          {strings.generateIds}
        </Button>
        {xmlFiles.map(([label, take]) => (
          <FileButton key={label} label={label} accept=".xml" disabled={busy} onFile={bytes(take)} />
        ))}
        <Button disabled={busy} onClick={() => void imports.startMapping()}>
          {strings.mapTable}
        </Button>
        <FileButton
          label={strings.loadOfficialXsd}
          accept=".xsd,.xml"
          disabled={busy}
          onFile={(file) => void file.text().then((t) => exports.loadOfficialXsd(file.name, t))}
        />
      </div>
      <Text size={200}>{strings.dropHint}</Text>
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
      {props.officialXsd ? (
        <Text size={200}>
          {strings.officialXsdActive(props.officialXsd.fileName, props.officialXsd.version)}
        </Text>
      ) : null}
    </section>
  );
}
