import { Button, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Ref } from 'react';
import { strings } from '../../i18n/pane';
import { FileButton, fileBytes } from './FileButton';
import { useCardStyles } from './panel-styles';

const useStyles = makeStyles({
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  step: { marginBottom: tokens.spacingVerticalS },
});

/**
 * First run in a workbook without the template: the steps, « Créer le modèle » as the one primary action, and for
 * those who already have data, the two ways to take it in.
 */
export function WelcomeCard(props: {
  readonly busy: boolean;
  readonly onCreate: () => void;
  readonly onImportXml: (fileName: string, bytes: Uint8Array) => void;
  readonly onMapTable: () => void;
  readonly headingRef?: Ref<HTMLHeadingElement>;
}) {
  const styles = useStyles();
  const card = useCardStyles();
  return (
    <section className={card.root} aria-labelledby="welcome-title">
      <h2 id="welcome-title" className={card.heading} tabIndex={-1} ref={props.headingRef}>
        {strings.welcomeTitle}
      </h2>
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
      <div className={card.actions}>
        <Button appearance="primary" data-next-step="true" disabled={props.busy} onClick={props.onCreate}>
          {strings.newTemplate}
        </Button>
      </div>
      <h3 className={styles.subheading}>{strings.welcomeImportTitle}</h3>
      <Text>{strings.welcomeImportText}</Text>
      <div className={card.actions}>
        <FileButton
          label={strings.importFluxXml}
          accept=".xml"
          disabled={props.busy}
          onFile={(file) => void fileBytes(file).then((b) => props.onImportXml(file.name, b))}
        />
        <Button disabled={props.busy} onClick={props.onMapTable}>
          {strings.mapTable}
        </Button>
      </div>
      <Text>
        {strings.welcomeGuides}{' '}
        <Link href={strings.cdcGuidesUrl} target="_blank" rel="noopener noreferrer" inline>
          {strings.welcomeGuidesLink}
        </Link>
      </Text>
      <Text size={200}>{strings.welcomePrivacy}</Text>
    </section>
  );
}
