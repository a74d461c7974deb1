import { Badge, Button, Text } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { ReceiptView } from '../../controllers/pane-state';
import type { RoundTripController } from '../../controllers/round-trip-controller';
import { strings } from '../../i18n/pane';
import { withoutValidatorCode } from '../../core/tracking/apply-receipt';
import { FileButton } from './FileButton';
import { LinkedText } from './LinkedText';
import { usePanelStyles } from './panel-styles';

/**
 * What an imported accusé de traitement says, row by row: the CDC's message quoted, what to do (addresses as
 * links). For a file refused at the CDC's format check, each error's explanation and what to do; the CDC's exact
 * technical text stays one click away (data-advanced).
 */
export function ReceiptPanel(props: {
  readonly view: ReceiptView;
  readonly busy: boolean;
  readonly roundTrip: Pick<RoundTripController, 'provideSentXml' | 'dismissReceipt'>;
  readonly headingRef?: Ref<HTMLHeadingElement>;
}) {
  const styles = usePanelStyles();
  const { application } = props.view;
  const rejected = application.rows.filter((r) => r.status === 'rejected');
  return (
    <section className={styles.section} aria-labelledby="receipt-title">
      <h2 id="receipt-title" className={styles.title} tabIndex={-1} ref={props.headingRef}>
        {strings.receiptTitle(props.view.fileName)}
      </h2>
      {application.outcome === 'applied' || application.receipt.kind !== 'functional' ? (
        <Text>
          {application.receipt.kind === 'functional'
            ? strings.receiptCounts(
                application.counts.accepted,
                application.counts.rejected,
                application.counts.unmatched,
                application.counts.deposited,
              )
            : strings.receiptXsdRejected(application.xsdErrors.length)}
        </Text>
      ) : null}
      {application.receipt.kind === 'functional' && rejected.length > 0 ? (
        <>
          <h3 className={styles.subtitle}>{strings.receiptRejectedTitle}</h3>
          <ul className={styles.list}>
            {rejected.slice(0, 50).map((r) => (
              <li key={r.row}>
                <Badge appearance="tint" color="danger">
                  {strings.receiptRejectedRow(r.row, r.idTechnique)}
                </Badge>{' '}
                « {r.cdcMessage} » <strong>{strings.receiptWhatToDo}</strong> <LinkedText text={r.action} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {application.xsdErrors.length > 0 ? (
        <>
          <h3 className={styles.subtitle}>{strings.receiptErrorsTitle}</h3>
          <ul className={styles.list}>
            {application.xsdErrors.slice(0, 50).map((e, i) => (
              <li key={i}>
                {e.row !== undefined ? (
                  <strong>{strings.receiptRejectedRow(e.row, e.idTechnique ?? '')} </strong>
                ) : null}
                {e.explanation.title}. <LinkedText text={e.explanation.action} />
                <details data-advanced="true">
                  <summary>{strings.receiptCdcText}</summary>
                  {withoutValidatorCode(e.error.message)}
                </details>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {application.unmatched.length > 0 ? (
        <>
          <h3 className={styles.subtitle}>{strings.receiptUnmatchedTitle}</h3>
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
          <LinkedText text={notice} />
        </Text>
      ))}
      {props.view.wantsSentXml ? (
        <div className={styles.actions}>
          <Text size={200}>{strings.receiptAskSentXml}</Text>
          <FileButton
            label={strings.chooseSentXml}
            accept=".xml"
            disabled={props.busy}
            onFile={(file) => void file.text().then((t) => props.roundTrip.provideSentXml(t))}
          />
        </div>
      ) : null}
      <div className={styles.actions}>
        <Button size="small" onClick={() => props.roundTrip.dismissReceipt()}>
          {strings.close}
        </Button>
      </div>
    </section>
  );
}
