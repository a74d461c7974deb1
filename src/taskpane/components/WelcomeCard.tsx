import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { strings } from '../../i18n/pane';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  step: { marginBottom: tokens.spacingVerticalS },
});

/** First run in a workbook without the template: the three steps and the CDC's guides. */
export function WelcomeCard() {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="welcome-title">
      <Text as="h2" id="welcome-title" size={400} weight="semibold">
        {strings.welcomeTitle}
      </Text>
      <Text>{strings.welcomeIntro}</Text>
      <ol className={styles.steps}>
        {strings.welcomeSteps.map((step) => (
          <li key={step.title} className={styles.step}>
            <Text weight="semibold">{step.title}</Text>
            <br />
            <Text>{step.text}</Text>
          </li>
        ))}
      </ol>
      <Text>
        {strings.welcomeGuides}{' '}
        <Link href={strings.cdcGuidesUrl} target="_blank" rel="noopener noreferrer">
          {strings.welcomeGuidesLink}
        </Link>
      </Text>
      <Text size={200}>{strings.welcomePrivacy}</Text>
    </section>
  );
}
