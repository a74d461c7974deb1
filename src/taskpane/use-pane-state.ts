import { useSyncExternalStore } from 'react';
import type { PaneState } from '../controllers/pane-state';
import type { TaskRunner } from '../controllers/task-runner';

/** The controller's state, re-rendering on every change. */
export function usePaneState(runner: TaskRunner): PaneState {
  return useSyncExternalStore(
    (listener) => runner.subscribe(listener),
    () => runner.getState(),
  );
}
