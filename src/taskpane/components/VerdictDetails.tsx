import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { CheckResult } from '../../core/check/check';
import { strings } from '../../i18n/pane';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  subtitle: { fontWeight: tokens.fontWeightSemibold },
});

/** The verdict's details, closed by default: errors and warnings, readiness of the passages, deadlines. */
export function VerdictDetails({ check }: { readonly check: CheckResult }) {
  const styles = useStyles();
  const { summary, readinessSummary: r } = check;
  const lines: [string, readonly [string, number][]][] = [
    [
      strings.readinessTitle,
      [
        [strings.readyRows, r.ready],
        [strings.atRiskRows, r.atRisk],
        [strings.blockedRows, r.blocked],
      ],
    ],
    [
      strings.deadlinesTitle,
      [
        [strings.overdueRows, r.overdue],
        [strings.dueSoonRows, r.dueSoon],
      ],
    ],
  ];
  return (
    <Accordion collapsible>
      <AccordionItem value="details">
        <AccordionHeader size="small">{strings.detailsTitle}</AccordionHeader>
        <AccordionPanel className={styles.panel}>
          <Text size={200}>{strings.detailsErrors(summary.errors, summary.warnings)}</Text>
          {summary.rejected ? <Text size={200}>{strings.detailsRejected(summary.rejected)}</Text> : null}
          {lines.map(([title, figures]) => (
            <div key={title}>
              <Text size={200} className={styles.subtitle}>
                {title}
              </Text>
              <ul className={styles.list}>
                {figures.map(([label, value]) => (
                  <li key={label} data-readiness={label}>
                    <Text size={200}>
                      {label} : {value.toLocaleString('fr-FR')}
                    </Text>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <Text size={200}>{strings.hiddenRowsExported}</Text>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
