import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cliText } from '../i18n/cli';

/**
 * Where the CLI writes statuses and history: never into the user's workbook unless they name it themselves.
 * By default a copy `<name>-suivi.xlsx` beside it; an existing copy is not overwritten silently (it may hold
 * the history of earlier sends), the user is asked to name the target.
 */

export interface TrackingTarget {
  readonly path: string;
  /** The user named it (-o / --suivi): it may be overwritten, even when it is the input. */
  readonly explicit: boolean;
}

export function defaultTrackingPath(workbook: string): string {
  const parsed = path.parse(workbook);
  return path.join(parsed.dir, `${parsed.name}-suivi${parsed.ext || '.xlsx'}`);
}

export function trackingTarget(workbook: string, given: string | undefined): TrackingTarget {
  return given !== undefined
    ? { path: given, explicit: true }
    : { path: defaultTrackingPath(workbook), explicit: false };
}

/** A French reason not to write there, or undefined when the target is fine. */
export async function trackingTargetProblem(
  target: TrackingTarget,
  option: string,
): Promise<string | undefined> {
  if (target.explicit) return undefined;
  const taken = await fs
    .access(target.path)
    .then(() => true)
    .catch(() => false);
  if (!taken) return undefined;
  return cliText.trackingCopyExists(target.path, option);
}

/**
 * Why the copy `output` of `file` cannot be written (no -o, or the input itself: the user's workbook is never
 * written), or undefined. `example` names the option's value in the message.
 */
export function copyTargetProblem(
  file: string,
  output: string | undefined,
  example: string,
): string | undefined {
  if (!output) return cliText.copyOutputMissing(example);
  if (path.resolve(output) === path.resolve(file)) return cliText.copySameAsInput;
  return undefined;
}
