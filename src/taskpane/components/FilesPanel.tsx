import { Button, Text } from '@fluentui/react-components';
import type { PaneState } from '../../controllers/pane-state';
import { strings } from '../../i18n/pane';
import { usePanelStyles } from './panel-styles';
import { XmlCopyPanel } from './XmlCopyPanel';

/**
 * Every file of the last export reaches the user: on the web and Windows, one button per file (a split export never
 * fires several downloads at once, which a browser may block without a word); on Excel for Mac, which cannot
 * download, one panel per file to copy its XML. A button stays after its download, should it have been blocked.
 */
export function FilesPanel(props: {
  readonly files: NonNullable<PaneState['filesToSave']>;
  readonly busy: boolean;
  readonly onSave: (fileName: string) => void;
  readonly onClose: () => void;
}) {
  const styles = usePanelStyles();
  const { files, how, saved } = props.files;
  if (how === 'copy')
    return (
      <section className={styles.section} aria-labelledby="files-title" data-files="copy">
        <h2 id="files-title" className={styles.title}>
          {strings.filesTitle}
        </h2>
        {files.map((file, i) => (
          <XmlCopyPanel
            key={file.fileName}
            fileName={file.fileName}
            title={strings.copyPartTitle(i + 1, files.length, file.fileName)}
            xml={file.text ?? ''}
            onClose={props.onClose}
            closable={i === files.length - 1}
          />
        ))}
      </section>
    );
  return (
    <section className={styles.section} aria-labelledby="files-title" data-files="download">
      <h2 id="files-title" className={styles.title}>
        {strings.filesTitle}
      </h2>
      <Text size={200}>{strings.filesExplain}</Text>
      <ul className={styles.list}>
        {files.map((file) => {
          const done = saved.includes(file.fileName);
          return (
            <li key={file.fileName}>
              <Button
                size="small"
                appearance={done ? 'secondary' : 'primary'}
                disabled={props.busy}
                onClick={() => props.onSave(file.fileName)}
              >
                {done ? strings.saveFileAgain(file.fileName) : strings.saveFileButton(file.fileName)}
              </Button>{' '}
              {done ? <Text size={200}>({strings.fileSavedMark})</Text> : null}
            </li>
          );
        })}
      </ul>
      <div className={styles.actions}>
        <Button size="small" onClick={props.onClose}>
          {strings.close}
        </Button>
      </div>
    </section>
  );
}
