import { useSyncExternalStore } from 'react';
import type { AddinController, PaneState } from '../controllers/addin-controller';

/** The controller's state, re-rendering on every change. */
export function usePaneState(controller: AddinController): PaneState {
  return useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.getState(),
  );
}
