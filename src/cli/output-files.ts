import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { outputText } from '../i18n/cli-files';
import { existingFile } from './existing-file';
import { keepOnInterruption, recordCompletedOutput, removeOnInterruption } from './interruption';
import { sameFile, stillReplaceable, type ClaimedOutput } from './output-policy';

/**
 * How every output is written: first to a temporary file with a name unique to this process, created
 * exclusively beside its target (so two commands never share one); flushed to disk and verified there by the
 * caller (re-read, hash, unzip); only then given its final name, by a hard link that fails if a file appeared
 * meanwhile, or by a rename when the policy allowed replacing what was there and it is still of that kind.
 * A file is never under its final name unless it is complete and verified; on any error, or Ctrl-C, the
 * temporary files are removed.
 */

/** A refusal discovered while writing: nothing was written; the message says why. */
export class OutputRefusedError extends Error {
  constructor(
    readonly code: 'appeared' | 'changedMeanwhile' | 'notVerified',
    readonly output: ClaimedOutput,
    message: string,
  ) {
    super(message);
  }
}

export interface PreparedOutput {
  readonly output: ClaimedOutput;
  /** The complete, verified file, under its temporary name. */
  readonly temp: string;
}

function temporaryName(target: string): string {
  return path.join(
    path.dirname(target),
    `${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partiel`,
  );
}

/**
 * Writes `output` under a temporary name: `write` fills the file (created empty and exclusively), `verify`
 * reads it back from the disk and throws when it is not what was meant. Returns the prepared file, to commit.
 */
export async function prepareOutput<T>(
  output: ClaimedOutput,
  write: (temp: string) => Promise<T>,
  verify?: (temp: string, written: T) => Promise<boolean>,
): Promise<PreparedOutput & { readonly written: T }> {
  const temp = temporaryName(output.real);
  removeOnInterruption(temp);
  try {
    await (await fs.open(temp, 'wx')).close();
    const written = await write(temp);
    await flush(temp);
    if (verify && !(await verify(temp, written)))
      throw new OutputRefusedError('notVerified', output, outputText.notVerified(output.path));
    return { output, temp, written };
  } catch (error) {
    await discard([{ temp }]);
    throw error;
  }
}

async function flush(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes prepared files that will not be committed. */
export async function discard(prepared: readonly { readonly temp: string }[]): Promise<void> {
  for (const { temp } of prepared) {
    await fs.rm(temp, { force: true });
    keepOnInterruption(temp);
  }
}

/** Link errors meaning the file system has no hard links (FAT, some network shares): fall back to rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Gives every prepared file its final name, all or nothing: new names first (hard links, which never replace a
 * file), replacements last (renames, after checking the target is still of the kind the policy allowed). If a
 * new name was taken meanwhile, the names already given are taken back and OutputRefusedError is thrown, with
 * the prepared files kept so the caller may retry under other names. Temporary files are removed on success.
 */
export async function commitOutputs(prepared: readonly PreparedOutput[]): Promise<void> {
  const linked: PreparedOutput[] = [];
  const ordered = [
    ...prepared.filter((p) => p.output.replaces === undefined),
    ...prepared.filter((p) => p.output.replaces !== undefined),
  ];
  try {
    for (const item of ordered) {
      const { output, temp } = item;
      if (output.replaces === undefined) {
        await linkWithoutReplacing(item);
        linked.push(item);
        continue;
      }
      if (!stillReplaceable(output, await existingFile(output.real)))
        throw new OutputRefusedError('changedMeanwhile', output, outputText.changedMeanwhile(output.path));
      await fs.rename(temp, output.real);
      keepOnInterruption(temp);
      recordCompletedOutput(output.path);
    }
  } catch (error) {
    await unlinkOurs(linked);
    throw error;
  }
  for (const { temp, output } of linked) {
    await fs.rm(temp, { force: true });
    keepOnInterruption(temp);
    recordCompletedOutput(output.path);
  }
  await syncFolders(prepared.map((p) => path.dirname(p.output.real)));
}

async function linkWithoutReplacing({ output, temp }: PreparedOutput): Promise<void> {
  try {
    await fs.link(temp, output.real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new OutputRefusedError('appeared', output, outputText.appeared(output.path));
    if (!NO_HARD_LINKS.has(code)) throw error;
    // No hard links here: the check and the rename are two steps, the best this file system allows.
    if ((await existingFile(output.real)) !== undefined)
      throw new OutputRefusedError('appeared', output, outputText.appeared(output.path));
    await fs.rename(temp, output.real);
  }
}

/** Takes back names given during a failed commit, only where the file is still the one this process wrote. */
async function unlinkOurs(linked: readonly PreparedOutput[]): Promise<void> {
  for (const { temp, output } of linked) {
    const [ours, there] = await Promise.all([
      fs.stat(temp).catch(() => undefined),
      fs.stat(output.real).catch(() => undefined),
    ]);
    if (sameFile(ours, there)) await fs.rm(output.real, { force: true });
  }
}

/** Makes the new names durable (a crash right after does not lose them); not possible everywhere. */
async function syncFolders(folders: readonly string[]): Promise<void> {
  for (const folder of new Set(folders)) {
    try {
      const handle = await fs.open(folder, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Windows cannot open a folder this way; the rename is still atomic there.
    }
  }
}

/** Writes one output through its temporary file and commits it; on a refusal, nothing is left behind. */
export async function writeOutput<T>(
  output: ClaimedOutput,
  write: (temp: string) => Promise<T>,
  verify?: (temp: string, written: T) => Promise<boolean>,
): Promise<T> {
  const prepared = await prepareOutput(output, write, verify);
  try {
    await commitOutputs([prepared]);
  } catch (error) {
    await discard([prepared]);
    throw error;
  }
  return prepared.written;
}
