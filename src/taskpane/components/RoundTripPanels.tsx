import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ExportMode } from '../../core/tracking';
import type {
  AddinController,
  Confirmation,
  ExportSettings,
  MappingView,
  ReceiptView,
} from '../../controllers/addin-controller';
import { strings } from '../../i18n/pane';

/**
 * The pane's panels for the round trip with the CDC (export options, accusés, identifiers, official XSD)
 * and for imports (CDC XML file, another table). They only call the controller.
 */

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  // Fixed layout: a drop-down sized by its longest option would otherwise widen the pane past 360 px.
  table: {
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
  },
  headerCell: { width: '38%' },
  cell: {
    padding: tokens.spacingVerticalXXS,
    verticalAlign: 'top',
    textAlign: 'left',
    overflowWrap: 'anywhere',
  },
  select: { minWidth: 0, width: '100%' },
  selectInput: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

/** Reads a picked file as bytes (accusés and CDC files are decoded by the core, which knows their encoding). */
async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

function FileButton(props: {
  readonly label: string;
  readonly disabled: boolean;
  readonly accept: string;
  readonly onFile: (file: File) => void;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const picked = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again fires another change.
    event.target.value = '';
    if (file) props.onFile(file);
  };
  return (
    <>
      <Button disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept={props.accept}
        aria-label={props.label}
        onChange={picked}
      />
    </>
  );
}

export function ToolsPanel(props: {
  readonly controller: AddinController;
  readonly busy: boolean;
  readonly settings: ExportSettings;
  readonly officialXsd?: { readonly fileName: string; readonly version: string };
}) {
  const { controller, busy, settings } = props;
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={strings.toolsTitle}>
      <Text weight="semibold">{strings.toolsTitle}</Text>
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => void controller.generateIds()}>
          {strings.generateIds}
        </Button>
        <FileButton
          label={strings.importReceipt}
          accept=".xml"
          disabled={busy}
          onFile={(file) => void fileBytes(file).then((b) => controller.importReceipt(file.name, b))}
        />
        <FileButton
          label={strings.importFluxXml}
          accept=".xml"
          disabled={busy}
          onFile={(file) => void fileBytes(file).then((b) => controller.importFluxXml(file.name, b))}
        />
        <Button disabled={busy} onClick={() => void controller.startMapping()}>
          {strings.mapTable}
        </Button>
        <FileButton
          label={strings.loadOfficialXsd}
          accept=".xsd,.xml"
          disabled={busy}
          onFile={(file) => void file.text().then((t) => controller.loadOfficialXsd(file.name, t))}
        />
      </div>
      <Text size={200}>{strings.dropHint}</Text>
      <Field label={strings.exportModeLabel}>
        <RadioGroup
          layout="horizontal"
          value={settings.mode}
          onChange={(_, d) => controller.setExportSettings({ ...settings, mode: d.value as ExportMode })}
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
            controller.setExportSettings({
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

export function ConfirmBar(props: {
  readonly confirm: Confirmation;
  readonly busy: boolean;
  readonly controller: AddinController;
}) {
  return (
    <MessageBar intent="warning" role="alertdialog" aria-label={strings.confirmTitle}>
      <MessageBarBody>{props.confirm.text}</MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          size="small"
          disabled={props.busy}
          onClick={() => void props.controller.confirm()}
        >
          {props.confirm.confirmLabel}
        </Button>
        <Button size="small" disabled={props.busy} onClick={() => props.controller.dismissConfirm()}>
          {strings.confirmCancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function ReceiptPanel(props: {
  readonly view: ReceiptView;
  readonly busy: boolean;
  readonly controller: AddinController;
}) {
  const styles = useStyles();
  const { application } = props.view;
  const rejected = application.rows.filter((r) => r.status === 'rejected');
  return (
    <section className={styles.section} aria-label={strings.receiptTitle(props.view.fileName)}>
      <Text weight="semibold">{strings.receiptTitle(props.view.fileName)}</Text>
      <Text>
        {application.receipt.kind === 'functional'
          ? strings.receiptCounts(
              application.counts.accepted,
              application.counts.rejected,
              application.counts.unmatched,
            )
          : strings.receiptXsdRejected(application.xsdErrors.length)}
      </Text>
      {application.receipt.kind === 'functional' && rejected.length > 0 ? (
        <ul className={styles.list}>
          {rejected.slice(0, 50).map((r) => (
            <li key={r.row}>
              <Badge appearance="tint" color="danger">
                {strings.receiptRejectedRow(r.row, r.idTechnique)}
              </Badge>{' '}
              « {r.cdcMessage} » <strong>{strings.receiptWhatToDo}</strong> {r.action}
            </li>
          ))}
        </ul>
      ) : null}
      {application.xsdErrors.length > 0 ? (
        <ul className={styles.list}>
          {application.xsdErrors.slice(0, 50).map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      ) : null}
      {application.unmatched.length > 0 ? (
        <>
          <Text size={200} weight="semibold">
            {strings.receiptUnmatchedTitle}
          </Text>
          <ul className={styles.list}>
            {application.unmatched.slice(0, 50).map((u) => (
              <li key={u.idTechnique}>
                {u.idTechnique}
                {u.message ? ` : « ${u.message} »` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {application.notices.map((notice) => (
        <Text key={notice} size={200}>
          {notice}
        </Text>
      ))}
      {props.view.wantsSentXml ? (
        <div className={styles.actions}>
          <Text size={200}>{strings.receiptAskSentXml}</Text>
          <FileButton
            label={strings.chooseSentXml}
            accept=".xml"
            disabled={props.busy}
            onFile={(file) => void file.text().then((t) => props.controller.provideSentXml(t))}
          />
        </div>
      ) : null}
      <div className={styles.actions}>
        <Button size="small" onClick={() => props.controller.dismissReceipt()}>
          {strings.close}
        </Button>
      </div>
    </section>
  );
}

export function MappingPanel(props: {
  readonly view: MappingView;
  readonly busy: boolean;
  readonly controller: AddinController;
}) {
  const styles = useStyles();
  const { view, controller } = props;
  const targets = view.targets;
  const [saved, setSaved] = useState(view.savedNames[0] ?? '');
  const [name, setName] = useState('');
  const confidence = new Map(view.proposals.map((p) => [p.column, p.confidence]));
  const unmapped = view.columns.filter((c) => c.target === null && c.header.trim() !== '').length;
  return (
    <section className={styles.section} aria-label={strings.mappingTitle(view.source, view.rows)}>
      <Text weight="semibold">{strings.mappingTitle(view.source, view.rows)}</Text>
      {view.savedNames.length > 0 ? (
        <div className={styles.actions}>
          <Field label={strings.mappingSavedLabel}>
            <Select value={saved} onChange={(_, d) => setSaved(d.value)}>
              {view.savedNames.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </Select>
          </Field>
          <Button
            size="small"
            disabled={props.busy || !saved}
            onClick={() => void controller.useSavedMapping(saved)}
          >
            {strings.mappingUse}
          </Button>
        </div>
      ) : null}
      <table className={styles.table}>
        <thead>
          <tr>
            <th className={`${styles.cell} ${styles.headerCell}`}>{strings.mappingColumn}</th>
            <th className={styles.cell}>{strings.mappingField}</th>
          </tr>
        </thead>
        <tbody>
          {view.columns
            .filter((c) => c.header.trim() !== '')
            .map((c) => (
              <tr key={c.column}>
                <td className={styles.cell}>
                  {c.header}
                  {c.target && confidence.has(c.column) ? (
                    <Text size={100}> ({strings.mappingConfidence(confidence.get(c.column) ?? 0)})</Text>
                  ) : null}
                </td>
                <td className={styles.cell}>
                  <Select
                    className={styles.select}
                    select={{ className: styles.selectInput }}
                    aria-label={c.header}
                    value={c.target ?? ''}
                    onChange={(_, d) =>
                      controller.setMappingTarget(c.column, d.value === '' ? null : d.value)
                    }
                  >
                    <option value="">{strings.mappingNone}</option>
                    {targets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.kind === 'birthDate' ? t.label : `${t.label} (${t.id})`}
                      </option>
                    ))}
                  </Select>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {unmapped > 0 ? <Text size={200}>{strings.mappingUnmapped(unmapped)}</Text> : null}
      <div className={styles.actions}>
        <Field label={strings.mappingNameLabel}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Button
          size="small"
          disabled={props.busy || name.trim() === ''}
          onClick={() => void controller.saveCurrentMapping(name)}
        >
          {strings.mappingSave}
        </Button>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={props.busy} onClick={() => void controller.applyMapping()}>
          {strings.mappingApply}
        </Button>
        <Button disabled={props.busy} onClick={() => controller.dismissMapping()}>
          {strings.close}
        </Button>
      </div>
    </section>
  );
}
