import { Badge, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { SHEET_NAMES } from '../../core/template/layout';
import type { ReadinessLevel, RowReadiness } from '../../core/check/readiness';
import type { Issue, Severity } from '../../core/model/types';

const PASSAGES_SHEET = SHEET_NAMES.passages;
import { strings } from '../../i18n/pane';

/** Rows shown at once: a pane listing 50 000 rows would freeze; filters narrow the rest down. */
export const MAX_GROUPS_SHOWN = 100;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // minmax(0, …) and minWidth 0: a select sized by its longest option must not widen the pane.
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr)',
    gap: tokens.spacingHorizontalS,
  },
  filter: { minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  group: {
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
  groupTitle: {
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
  },
  items: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    background: 'none',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  text: { display: 'flex', flexDirection: 'column' },
  field: { fontWeight: tokens.fontWeightSemibold },
});

type SeverityFilter = 'all' | Severity;

/** The issue's text, without its location (the group title says the row, the badge the cell). */
function issueText(issue: Issue): string {
  return issue.text.charAt(0).toLocaleUpperCase('fr-FR') + issue.text.slice(1);
}

/** "Nom de naissance (8.1)": the label comes from the dictionary the pane works with. */
function fieldName(id: string, labelOf: (id: string) => string | undefined): string {
  if (!id) return '—';
  const label = labelOf(id);
  return label === undefined ? id : `${label} (${id})`;
}

interface Group {
  readonly key: string;
  readonly sheet: string;
  readonly row: number;
  readonly issues: Issue[];
}

function groupByRow(issues: readonly Issue[]): Group[] {
  const groups = new Map<string, Group>();
  for (const issue of issues) {
    const key = `${issue.sheet}\u0000${issue.row}`;
    const group = groups.get(key) ?? { key, sheet: issue.sheet, row: issue.row, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  }
  const severityRank = (i: Issue): number => (i.severity === 'error' ? 0 : 1);
  for (const group of groups.values()) {
    group.issues.sort(
      (a, b) =>
        a.cell.length - b.cell.length || a.cell.localeCompare(b.cell) || severityRank(a) - severityRank(b),
    );
  }
  return [...groups.values()].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
}

export interface ProblemListProps {
  readonly issues: readonly Issue[];
  readonly onSelect: (issue: Issue) => void;
  /** French label of a field, by dictionary id. */
  readonly fieldLabel: (id: string) => string | undefined;
  /** Readiness of each passage row (Passages sheet), shown next to the row's title. */
  readonly readiness?: readonly RowReadiness[];
}

const LEVEL_COLOR = { prete: 'success', 'a-risque': 'warning', bloquee: 'danger' } as const;

export function ProblemList({ issues, onSelect, readiness, fieldLabel }: ProblemListProps) {
  const nameOf = (id: string) => fieldName(id, fieldLabel);
  const levels = useMemo(() => new Map((readiness ?? []).map((r) => [r.row, r.level])), [readiness]);
  const styles = useStyles();
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  const [field, setField] = useState('');
  const fields = useMemo(
    () => [...new Set(issues.map((i) => i.field))].sort((a, b) => nameOf(a).localeCompare(nameOf(b))),
    [issues],
  );
  const shown = useMemo(
    () =>
      issues.filter(
        (i) => (severity === 'all' || i.severity === severity) && (field === '' || i.field === field),
      ),
    [issues, severity, field],
  );
  const groups = useMemo(() => groupByRow(shown), [shown]);
  if (issues.length === 0) return null;

  return (
    <section className={styles.root} aria-label={strings.problemsTitle}>
      <Text as="h2" weight="semibold" size={400}>
        {strings.problemsTitle}
      </Text>
      <div className={styles.filters}>
        <Field label={strings.filterSeverity} className={styles.filter}>
          <Select
            className={styles.select}
            value={severity}
            onChange={(_, d) => setSeverity(d.value as SeverityFilter)}
          >
            <option value="all">{strings.filterAll}</option>
            <option value="error">{strings.filterErrors}</option>
            <option value="warning">{strings.filterWarnings}</option>
          </Select>
        </Field>
        <Field label={strings.filterColumn} className={styles.filter}>
          <Select className={styles.select} value={field} onChange={(_, d) => setField(d.value)}>
            <option value="">{strings.allColumns}</option>
            {fields.map((id) => (
              <option key={id || 'none'} value={id}>
                {nameOf(id)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Text size={200} aria-live="polite">
        {strings.shownCount(shown.length, issues.length)}
      </Text>
      <ul className={styles.list}>
        {groups.slice(0, MAX_GROUPS_SHOWN).map((group) => (
          <li key={group.key} className={styles.group}>
            <h3 className={styles.groupTitle}>
              {strings.row(group.sheet, group.row)}{' '}
              {group.sheet === PASSAGES_SHEET && levels.has(group.row) ? (
                <Badge appearance="outline" color={LEVEL_COLOR[levels.get(group.row) as ReadinessLevel]}>
                  {strings.readinessLevel[levels.get(group.row) as ReadinessLevel]}
                </Badge>
              ) : null}
            </h3>
            <ul className={styles.items}>
              {group.issues.map((issue, index) => (
                <li key={`${issue.cell}-${issue.code}-${index}`}>
                  <button
                    type="button"
                    className={styles.item}
                    onClick={() => onSelect(issue)}
                    disabled={!issue.cell}
                    title={issue.cell ? strings.goToCell(issue.cell) : undefined}
                    data-cell={issue.cell}
                  >
                    <Badge
                      appearance="tint"
                      color={issue.severity === 'error' ? 'danger' : 'warning'}
                      aria-label={strings.severityLabel[issue.severity]}
                    >
                      {issue.cell || '—'}
                    </Badge>
                    <span className={styles.text}>
                      {issue.field ? <span className={styles.field}>{nameOf(issue.field)}</span> : null}
                      <span>{issueText(issue)}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {groups.length > MAX_GROUPS_SHOWN ? (
        <Text size={200}>{strings.moreRows(groups.length - MAX_GROUPS_SHOWN)}</Text>
      ) : null}
    </section>
  );
}
