import { Button } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import { usePanelStyles } from './panel-styles';

/** Reads a picked file as bytes (accusés and CDC files are decoded by the core, which knows their encoding). */
export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export function FileButton(props: {
  readonly label: string;
  readonly disabled: boolean;
  readonly accept: string;
  readonly onFile: (file: File) => void;
  /** The next step's button (appearance primary). */
  readonly primary?: boolean;
}) {
  const styles = usePanelStyles();
  const input = useRef<HTMLInputElement>(null);
  const picked = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again fires another change.
    event.target.value = '';
    if (file) props.onFile(file);
  };
  return (
    <>
      <Button
        appearance={props.primary ? 'primary' : 'secondary'}
        data-next-step={props.primary ? 'true' : undefined}
        disabled={props.disabled}
        onClick={() => input.current?.click()}
      >
        {props.label}
      </Button>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept={props.accept}
        aria-label={props.label}
        onChange={picked}
      />
    </>
  );
}
