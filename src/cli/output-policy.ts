import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { outputText, type WrittenKind } from '../i18n/cli-files';
import { existingFile, type ExistingFile, type ExistingKind } from './existing-file';

/**
 * Where a command may write, decided before it does any work, the same way for every command:
 *
 * - every input and output path is resolved (real paths, links followed, hard links recognised by their inode);
 * - an output may not be an input, nor another output of the same command; the one exception is a file
 *   updated in place (a workbook's tracking written back into it, a saved mapping corrected by the run that
 *   read it), which needs --remplacer and is never done to a workbook with macros;
 * - an existing file of another kind than the one written (a workbook for an XML export, an accusé for a
 *   workbook…) is never replaced, even with --remplacer;
 * - an existing workbook or saved mapping is replaced only with --remplacer; an existing CDC flux may be
 *   replaced by a new export (the output says which one it replaced); an empty file may be replaced;
 * - names the tool chooses itself never replace anything: the caller tries the next alternative.
 *
 * How the files are then written (unique temporary file, verification on disk, rename without clobbering) is in
 * output-files.ts.
 */

export type { WrittenKind };

export interface OutputRequest {
  /** As the user wrote it (or as the tool chose it): messages show this. */
  readonly path: string;
  readonly kind: WrittenKind;
  /** The option naming it, for messages: -o, --suivi, --enregistrer. */
  readonly option: string;
  /** --remplacer was given. */
  readonly replace?: boolean;
  /** An input this output may update in place (a workbook's own tracking), with --remplacer. */
  readonly mayUpdate?: string;
  /** The workbook copied, when it holds macros: the copy must be an .xlsm (and the input is never rewritten). */
  readonly macroSource?: string;
  /** A name chosen by the tool: refused (code "taken") rather than replacing whatever is there. */
  readonly chosenByTool?: boolean;
}

export interface ClaimedOutput {
  readonly path: string;
  /** Resolved path: where the file is written. */
  readonly real: string;
  readonly kind: WrittenKind;
  readonly option: string;
  /** What stands there now and will be replaced; undefined when the name is free. */
  readonly replaces?: ExistingFile;
}

export type RefusalCode =
  | 'folderMissing'
  | 'danglingLink'
  | 'isDirectory'
  | 'special'
  | 'isInput'
  | 'sameOutput'
  | 'otherKind'
  | 'exists'
  | 'taken'
  | 'extension';

export type Claim =
  | { readonly ok: true; readonly output: ClaimedOutput }
  | { readonly ok: false; readonly code: RefusalCode; readonly message: string };

interface ResolvedInput {
  readonly path: string;
  readonly real: string;
  readonly stats?: Stats;
}

/** What an output of a given kind may replace (besides an empty file). */
const REPLACEABLE: Record<WrittenKind, readonly ExistingKind[]> = {
  cdcFlux: ['cdcFlux'],
  workbook: ['workbook', 'macroWorkbook'],
  savedMapping: ['savedMapping'],
};

/** Replaced without --remplacer: an older export of the same name, or an empty file. */
function replacedWithoutAsking(kind: WrittenKind, existing: ExistingKind): boolean {
  return existing === 'empty' || (kind === 'cdcFlux' && existing === 'cdcFlux');
}

export function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  return fs.stat(file).catch(() => undefined);
}

/** The real path a name designates, whether or not the file exists yet (its folder must). */
async function resolveOutputPath(
  file: string,
): Promise<{ real: string } | { problem: 'folderMissing' | 'danglingLink' }> {
  const link = await fs.lstat(file).catch(() => undefined);
  if (link) {
    try {
      return { real: await fs.realpath(file) };
    } catch {
      return { problem: 'danglingLink' };
    }
  }
  try {
    return { real: path.join(await fs.realpath(path.dirname(path.resolve(file))), path.basename(file)) };
  } catch {
    return { problem: 'folderMissing' };
  }
}

export class OutputPolicy {
  private readonly claimed: (ClaimedOutput & { stats?: Stats })[] = [];

  private constructor(private readonly inputs: readonly ResolvedInput[]) {}

  /** The inputs of the command (those that exist; a missing one is reported by the command itself). */
  static async forInputs(inputs: readonly (string | undefined)[]): Promise<OutputPolicy> {
    const resolved: ResolvedInput[] = [];
    for (const input of inputs) {
      if (input === undefined) continue;
      const real = await fs.realpath(input).catch(() => path.resolve(input));
      resolved.push({ path: input, real, stats: await statOrUndefined(real) });
    }
    return new OutputPolicy(resolved);
  }

  /** Checks a request without recording it (to refuse early, before the exact names are known). */
  async check(request: OutputRequest): Promise<Claim> {
    return this.decide(request);
  }

  /** Checks a request and records it, so later outputs of the command cannot take the same file. */
  async claim(request: OutputRequest): Promise<Claim> {
    const decision = await this.decide(request);
    if (decision.ok) this.claimed.push({ ...decision.output, stats: decision.output.replaces?.stats });
    return decision;
  }

  /** Forgets claims (a default name given up for the next alternative). */
  release(outputs: readonly ClaimedOutput[]): void {
    for (const output of outputs) {
      const index = this.claimed.findIndex((c) => c.real === output.real);
      if (index >= 0) this.claimed.splice(index, 1);
    }
  }

  private async decide(request: OutputRequest): Promise<Claim> {
    const { path: file, option, kind } = request;
    const refuse = (code: RefusalCode, message: string): Claim => ({ ok: false, code, message });
    const resolved = await resolveOutputPath(file);
    if ('problem' in resolved) return refuse(resolved.problem, outputText[resolved.problem](file, option));
    const { real } = resolved;
    const existing = await existingFile(real);

    for (const input of this.inputs) {
      if (input.real !== real && !sameFile(input.stats, existing?.stats)) continue;
      const update =
        request.mayUpdate !== undefined &&
        kind !== 'cdcFlux' &&
        (await fs.realpath(request.mayUpdate).catch(() => undefined)) === input.real;
      if (!update) return refuse('isInput', outputText.isInput(file, option, input.path, kind));
      if (existing?.kind === 'macroWorkbook') return refuse('isInput', outputText.macroInPlace(file));
      if (!request.replace) return refuse('exists', outputText.updateNeedsReplace(file, option));
    }
    for (const other of this.claimed) {
      if (other.real === real || sameFile(other.stats, existing?.stats))
        return refuse('sameOutput', outputText.sameOutput(file, other.option, option));
    }
    if (existing?.kind === 'directory') return refuse('isDirectory', outputText.isDirectory(file, option));
    if (existing?.kind === 'special') return refuse('special', outputText.special(file, option));
    if (kind === 'workbook') {
      const extension = path.extname(file).toLowerCase();
      if (request.macroSource !== undefined && extension !== '.xlsm')
        return refuse('extension', outputText.macroExtension(file, option, request.macroSource));
      if (request.macroSource === undefined && extension !== '.xlsx')
        return refuse('extension', outputText.workbookExtension(file, option));
    }
    if (existing === undefined) return { ok: true, output: { path: file, real, kind, option } };
    if (request.chosenByTool) return refuse('taken', outputText.exists(file, option, existing.kind));
    if (existing.kind !== 'empty' && !REPLACEABLE[kind].includes(existing.kind))
      return refuse('otherKind', outputText.otherKind(file, option, existing.kind, kind));
    if (!replacedWithoutAsking(kind, existing.kind) && !request.replace)
      return refuse('exists', outputText.exists(file, option, existing.kind));
    return { ok: true, output: { path: file, real, kind, option, replaces: existing } };
  }
}

/** True when what stands at the target now may still be replaced as the claim decided (checked just before). */
export function stillReplaceable(output: ClaimedOutput, now: ExistingFile | undefined): boolean {
  if (now === undefined) return true;
  if (output.replaces === undefined) return false;
  return now.kind === 'empty' || REPLACEABLE[output.kind].includes(now.kind);
}
