import type { DragEvent } from 'react';
import type { RoundTripController } from '../controllers/round-trip-controller';

/**
 * Drag-and-drop of an accusé onto the pane. Office web views that forbid dropping files simply never fire
 * these events; the « Importer un accusé » button does the same.
 */
export function dropHandlers(roundTrip: Pick<RoundTripController, 'importReceipt'>, busy: boolean) {
  return {
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      const file = event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      if (busy || !file.name.toLowerCase().endsWith('.xml')) return;
      void file.arrayBuffer().then((buffer) => roundTrip.importReceipt(file.name, new Uint8Array(buffer)));
    },
  };
}
