import { Badge, Button, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { ReadinessLevel, RowReadiness } from '../../core/check/readiness';
import type { Issue, Severity } from '../../core/model/types';
import type { CheckedSheets } from '../../core/check/check';
import type { Holders } from '../../core/check/holders';
import { groupProblems, type ProblemGroup } from '../../controllers/problem-groups';
import { strings } from '../../i18n/pane';

/** Rows shown at once: a pane listing 50 000 rows would freeze; filters narrow the rest down. */
export const MAX_GROUPS_SHOWN = 100;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // minmax(0, …) and minWidth 0: a select sized by its longest option must not widen the pane.
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr)',
    gap: tokens.spacingHorizontalS,
  },
  filter: { minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  sectionTitle: {
    margin: `${tokens.spacingVerticalS} 0 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  fix: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
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
  // minWidth 0 and anywhere: a long address in a message (the CDC's support page) wraps instead of widening the pane.
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  // Read by screen readers, not shown: the severity and the cell in the problem's name.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  field: { fontWeight: tokens.fontWeightSemibold },
});

type SeverityFilter = 'all' | Severity;

/** The issue's text, without its location (the group title says the row, the badge the cell). */
function issueText(issue: Issue): string {
  return issue.text.charAt(0).toLocaleUpperCase('fr-FR') + issue.text.slice(1);
}

/** A problem of the produced XML file's format check (our XSD or the official one): technical wording. */
function isFormatProblem(issue: Issue): boolean {
  return issue.code.startsWith('xsd:');
}

/** "Nom de naissance (8.1)": the label comes from the dictionary the pane works with, its number after it. */
function fieldName(id: string, labelOf: (id: string) => string | undefined): string {
  if (!id) return '—';
  const label = labelOf(id);
  return label === undefined ? id : `${label} (${id})`;
}

export interface ProblemListProps {
  readonly issues: readonly Issue[];
  readonly onSelect: (issue: Issue) => void;
  /** French label of a field, by dictionary id. */
  readonly fieldLabel: (id: string) => string | undefined;
  /** Who each row is about (holder names), from the last check. */
  readonly holders?: Holders;
  /** The sheets as the last check found them (Passages and DIGCOMP may be renamed). */
  readonly sheets?: CheckedSheets;
  /** Readiness of each passage row (Passages sheet), shown next to the row's title. */
  readonly readiness?: readonly RowReadiness[];
  readonly busy: boolean;
  /** « Générer les identifiants », offered where identifiers are missing. */
  readonly onGenerateIds: () => void;
  readonly onClearMarks: () => void;
}

const LEVEL_COLOR = { prete: 'success', 'a-risque': 'warning', bloquee: 'danger' } as const;

function groupTitle(group: ProblemGroup): string {
  if (group.role === 'parameters') return group.sheet;
  return group.role === 'digcomp'
    ? strings.digcompGroupTitle(group.row, group.holder)
    : strings.groupTitle(group.row, group.holder);
}

/**
 * Problems the way the user works: Paramètres, then Passages, then DIGCOMP, each row titled with the holder's
 * name; a click (or Entrée) selects the cell. Each problem's accessible name says its severity, field and cell.
 */
export function ProblemList(props: ProblemListProps) {
  const { issues, onSelect, readiness, fieldLabel, holders, sheets } = props;
  const nameOf = (id: string) => fieldName(id, fieldLabel);
  const levels = useMemo(() => new Map((readiness ?? []).map((r) => [r.row, r.level])), [readiness]);
  const styles = useStyles();
  const idPrefix = useId();
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
  const sections = useMemo(() => groupProblems(shown, holders, sheets), [shown, holders, sheets]);
  const missingIds = useMemo(
    () => issues.filter((i) => i.fix?.kind === 'command' && i.fix.command === 'generateIds').length,
    [issues],
  );
  if (issues.length === 0) return null;

  let budget = MAX_GROUPS_SHOWN;
  const totalGroups = sections.reduce((n, s) => n + s.groups.length, 0);
  return (
    <section className={styles.root} aria-labelledby={`${idPrefix}-title`}>
      <div className={styles.header}>
        <h2 id={`${idPrefix}-title`} className={styles.title}>
          {strings.problemsTitle}
        </h2>
        <Button appearance="subtle" size="small" disabled={props.busy} onClick={props.onClearMarks}>
          {strings.clearMarks}
        </Button>
      </div>
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
      {missingIds > 0 ? (
        <div className={styles.fix}>
          <Text size={200}>{strings.idsMissing(missingIds)}</Text>
          <Button size="small" disabled={props.busy} onClick={props.onGenerateIds}>
            {strings.generateIds}
          </Button>
        </div>
      ) : null}
      {sections.map((section) => {
        const groups = section.groups.slice(0, Math.max(0, budget));
        budget -= groups.length;
        if (groups.length === 0) return null;
        return (
          <section
            key={`${section.rejected ? 'rejected-' : ''}${section.sheet}`}
            aria-labelledby={`${idPrefix}-${section.rejected ? 'rejected-' : ''}${section.sheet}`}
            data-section={section.rejected ? 'rejected' : section.role}
          >
            <h3
              id={`${idPrefix}-${section.rejected ? 'rejected-' : ''}${section.sheet}`}
              className={styles.sectionTitle}
            >
              {section.rejected
                ? strings.rejectedSectionTitle(section.groups.length)
                : strings.sectionTitle(section.sheet, section.count)}
            </h3>
            <ul className={styles.list}>
              {groups.map((group) => {
                const level = group.passageRow !== undefined ? levels.get(group.passageRow) : undefined;
                return (
                  <li key={group.key} className={styles.group}>
                    {group.role === 'parameters' ? null : (
                      <h4 className={styles.groupTitle}>
                        {groupTitle(group)}{' '}
                        {group.role === 'passages' && level ? (
                          <Badge appearance="outline" color={LEVEL_COLOR[level as ReadinessLevel]}>
                            {strings.readinessLevel[level as ReadinessLevel]}
                          </Badge>
                        ) : null}
                      </h4>
                    )}
                    <ul className={styles.items}>
                      {group.issues.map((issue, index) => {
                        const severityLabel =
                          issue.code === 'rejectedByCdc'
                            ? strings.rejectedBadge
                            : strings.severityLabel[issue.severity];
                        return (
                          <li key={`${issue.cell}-${issue.code}-${index}`}>
                            <button
                              type="button"
                              className={styles.item}
                              onClick={() => onSelect(issue)}
                              disabled={!issue.cell}
                              data-cell={issue.cell}
                            >
                              {/* Shown first, read in the name after the field: « Erreur, Code INSEE…, cellule AI3 ». */}
                              <Badge
                                appearance="tint"
                                color={
                                  issue.code === 'rejectedByCdc'
                                    ? 'important'
                                    : issue.severity === 'error'
                                      ? 'danger'
                                      : 'warning'
                                }
                                aria-hidden
                              >
                                {issue.cell ? issue.cell.split(':')[0] : '—'}
                              </Badge>
                              <span className={styles.text}>
                                <span className={styles.field}>
                                  <span className={styles.hidden}>{severityLabel}, </span>
                                  {issue.field ? nameOf(issue.field) : severityLabel}
                                  {issue.cell ? (
                                    <span className={styles.hidden}>, {strings.cellLabel(issue.cell)}.</span>
                                  ) : null}
                                </span>
                                <span>
                                  {issue.severity === 'warning' && issue.code !== 'rejectedByCdc'
                                    ? `${severityLabel} : `
                                    : ''}
                                  {isFormatProblem(issue) ? strings.formatProblem : issueText(issue)}
                                </span>
                              </span>
                            </button>
                            {isFormatProblem(issue) ? (
                              <details data-advanced="true">
                                <summary>{strings.technicalDetail}</summary>
                                {issueText(issue)}
                              </details>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {totalGroups > MAX_GROUPS_SHOWN ? (
        <Text size={200}>{strings.moreRows(totalGroups - MAX_GROUPS_SHOWN)}</Text>
      ) : null}
    </section>
  );
}
