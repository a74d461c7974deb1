import { Button, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { strings } from '../../i18n/pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  xml: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** Excel for Mac cannot download from the pane: the user copies the XML into a file instead. */
export function XmlCopyPanel(props: {
  readonly fileName: string;
  /** « Fichier 2 sur 3 : … » when the export was split. */
  readonly title?: string;
  readonly xml: string;
  readonly onClose: () => void;
  /** The « Fermer » button (only on the last panel of a split export). */
  readonly closable?: boolean;
}) {
  const styles = useStyles();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.xml);
    } catch {
      // Clipboard API refused (permissions): select the text so Cmd+C works.
      area.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <section
      className={styles.root}
      aria-label={props.title ?? props.fileName}
      data-copy-file={props.fileName}
    >
      <Text weight="semibold">{props.title ?? props.fileName}</Text>
      <Textarea
        ref={area}
        textarea={{ className: styles.xml }}
        value={props.xml}
        readOnly
        resize="vertical"
        rows={8}
        aria-label={props.fileName}
      />
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void copy()}>
          {strings.copy}
        </Button>
        {props.closable === false ? null : <Button onClick={props.onClose}>{strings.close}</Button>}
      </div>
      {copied ? <Text role="status">{strings.copied}</Text> : null}
    </section>
  );
}
