import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useState, type Ref } from 'react';
import type { ImportController } from '../../controllers/import-controller';
import type { MappingView } from '../../controllers/pane-state';
import { strings } from '../../i18n/pane';
import { usePanelStyles } from './panel-styles';

/** The confirmation table of « Reprendre un autre tableau »: each source column and the field it goes to. */
export function MappingPanel(props: {
  readonly view: MappingView;
  readonly busy: boolean;
  readonly imports: Pick<
    ImportController,
    'useSavedMapping' | 'setMappingTarget' | 'saveCurrentMapping' | 'applyMapping' | 'dismissMapping'
  >;
  readonly headingRef?: Ref<HTMLHeadingElement>;
}) {
  const styles = usePanelStyles();
  const { view, imports } = props;
  const targets = view.targets;
  const [saved, setSaved] = useState(view.savedNames[0] ?? '');
  const [name, setName] = useState('');
  const confidence = new Map(view.proposals.map((p) => [p.column, p.confidence]));
  const unmapped = view.columns.filter((c) => c.target === null && c.header.trim() !== '').length;
  return (
    <section className={styles.section} aria-labelledby="mapping-title">
      <h2 id="mapping-title" className={styles.title} tabIndex={-1} ref={props.headingRef}>
        {strings.mappingTitle(view.source, view.rows)}
      </h2>
      <Text size={200}>{strings.mappingExplain}</Text>
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
            onClick={() => void imports.useSavedMapping(saved)}
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
                    onChange={(_, d) => imports.setMappingTarget(c.column, d.value === '' ? null : d.value)}
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
          onClick={() => void imports.saveCurrentMapping(name)}
        >
          {strings.mappingSave}
        </Button>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={props.busy} onClick={() => void imports.applyMapping()}>
          {strings.mappingApply}
        </Button>
        <Button disabled={props.busy} onClick={() => imports.dismissMapping()}>
          {strings.close}
        </Button>
      </div>
    </section>
  );
}
