import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { CheckResult } from '../../core/check/check';
import { strings } from '../../i18n/pane';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  figure: { display: 'flex', flexDirection: 'column' },
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  status: { gridColumn: '1 / -1' },
});

export function SummaryCard({ check }: { readonly check: CheckResult | undefined }) {
  const styles = useStyles();
  if (!check) return <Text>{strings.notChecked}</Text>;
  const { summary } = check;
  const ready = summary.errors === 0;
  const figures: [string, number][] = [
    [strings.passages, summary.passages],
    [strings.certifications, summary.certifications],
    [strings.errors, summary.errors],
    [strings.warnings, summary.warnings],
  ];
  const r = check.readinessSummary;
  const readiness: [string, number][] = [
    [strings.readyRows, r.ready],
    [strings.atRiskRows, r.atRisk],
    [strings.blockedRows, r.blocked],
    [strings.overdueRows, r.overdue],
    [strings.dueSoonRows, r.dueSoon],
  ];
  return (
    <section className={styles.root} aria-label={strings.summaryTitle}>
      {figures.map(([label, value]) => (
        <div key={label} className={styles.figure}>
          <Text size={200}>{label}</Text>
          <Text className={styles.value}>{value.toLocaleString('fr-FR')}</Text>
        </div>
      ))}
      <Text className={styles.status} weight="semibold" size={300}>
        {strings.readinessTitle}
      </Text>
      {readiness.map(([label, value]) => (
        <div key={label} className={styles.figure} data-readiness={label}>
          <Text size={200}>{label}</Text>
          <Text className={styles.value}>{value.toLocaleString('fr-FR')}</Text>
        </div>
      ))}
      <div className={styles.status} role="status">
        <Badge appearance="filled" color={ready ? 'success' : 'danger'} size="large">
          {ready ? strings.readyToExport : strings.notReady}
        </Badge>
      </div>
      <Text className={styles.status} size={200}>
        {strings.hiddenRowsExported}
      </Text>
    </section>
  );
}
