import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { exportFileName, partFileNames, type PreparedExport } from '../core/export/export';
import { writeFluxXml } from '../core/xml/flux-writer';
import type { Dictionary } from '../dictionary';
import { hasVbaProject } from '../xlsx/macro-parts';
import { outputText } from '../i18n/cli-files';
import {
  commitOutputs,
  discard,
  OutputRefusedError,
  prepareOutput,
  type PreparedOutput,
} from './output-files';
import { OutputPolicy, type Claim, type ClaimedOutput } from './output-policy';
import { defaultTrackingPath } from './tracking-files';
import { verifyWrittenWorkbook } from './workbook-outputs';

/**
 * The files of `accrochage export`, under the output policy: the XML files (one per part) and the tracking
 * copy. Named outputs are refused before any work; default names are chosen so they never collide (the
 * certificateur and the second, then _2, _3… when taken, even by a file that appears while the export runs);
 * each XML file is written under a temporary name, read back from the disk and compared by SHA-256 with what
 * was produced, and only then named.
 */

/** Default names tried before giving up (cdc-…-111500.xml, then cdc-…-111500_2.xml…). */
const MAX_DEFAULT_NAMES = 100;

export interface ExportOutputOptions {
  readonly output?: string;
  readonly suivi?: string;
  readonly remplacer?: boolean;
  readonly xsd?: string;
}

export interface WrittenFlux {
  readonly bytes: number;
  readonly sha256: string;
}

export type TrackingDecision =
  | { readonly write: ClaimedOutput }
  | { readonly skip: 'exists' | 'tooLarge' | 'refused'; readonly message?: string };

function withCounter(fileName: string, attempt: number): string {
  if (attempt <= 1) return fileName;
  const dot = fileName.toLowerCase().endsWith('.xml') ? fileName.length - 4 : fileName.length;
  return `${fileName.slice(0, dot)}_${attempt}${fileName.slice(dot)}`;
}

export class ExportOutputs {
  private prepared: (PreparedOutput & { readonly written: WrittenFlux })[] = [];
  private attempt = 1;

  private constructor(
    private readonly policy: OutputPolicy,
    private readonly workbook: string,
    private readonly options: ExportOutputOptions,
    readonly macros: boolean,
    private readonly explicitTracking: ClaimedOutput | undefined,
  ) {}

  /** Checks the outputs named on the command line; a refusal is a French message, and nothing was done. */
  static async plan(
    workbook: string,
    options: ExportOutputOptions,
  ): Promise<{ ok: true; outputs: ExportOutputs } | { ok: false; message: string }> {
    const policy = await OutputPolicy.forInputs([workbook, options.xsd]);
    const macros = await hasVbaProject(workbook);
    let tracking: ClaimedOutput | undefined;
    if (options.suivi !== undefined) {
      const claim = await policy.claim({
        path: options.suivi,
        kind: 'workbook',
        option: '--suivi',
        replace: options.remplacer,
        mayUpdate: workbook,
        macroSource: macros ? workbook : undefined,
      });
      if (!claim.ok) return claim;
      tracking = claim.output;
    }
    if (options.output !== undefined) {
      const claim = await policy.check({ path: options.output, kind: 'cdcFlux', option: '-o' });
      if (!claim.ok) return claim;
    }
    return { ok: true, outputs: new ExportOutputs(policy, workbook, options, macros, tracking) };
  }

  /** Where to record the send: the copy named by --suivi, else `<name>-suivi.xlsx` unless it exists or is too large. */
  async trackingTarget(tooLarge: boolean): Promise<TrackingDecision> {
    if (this.explicitTracking) return { write: this.explicitTracking };
    if (tooLarge) return { skip: 'tooLarge' };
    const claim = await this.policy.claim({
      path: defaultTrackingPath(this.workbook, this.macros),
      kind: 'workbook',
      option: '--suivi',
      macroSource: this.macros ? this.workbook : undefined,
      chosenByTool: true,
    });
    if (claim.ok) return { write: claim.output };
    return { skip: claim.code === 'taken' ? 'exists' : 'refused', message: claim.message };
  }

  /** Claims the names of the XML files: -o and its numbered parts, or default names that are free. */
  async claimFluxNames(prepared: PreparedExport): Promise<Claim[] | undefined> {
    for (; this.attempt <= MAX_DEFAULT_NAMES; this.attempt++) {
      const base =
        this.options.output ??
        withCounter(exportFileName(prepared.flux.header['3.1'], prepared.flux.horodatage), this.attempt);
      const claims: Claim[] = [];
      for (const name of partFileNames(prepared, base)) {
        const claim = await this.policy.claim({
          path: name,
          kind: 'cdcFlux',
          option: '-o',
          chosenByTool: this.options.output === undefined,
        });
        claims.push(claim);
        if (!claim.ok) break;
      }
      const refused = claims.find((c) => !c.ok);
      if (
        refused === undefined ||
        this.options.output !== undefined ||
        (!refused.ok && refused.code !== 'taken')
      )
        return claims;
      this.policy.release(claims.flatMap((c) => (c.ok ? [c.output] : [])));
    }
    return undefined;
  }

  /** Writes each part under a temporary name and verifies it on the disk; nothing is named yet. */
  async writeFluxFiles(
    claims: readonly ClaimedOutput[],
    prepared: PreparedExport,
    dictionary: Dictionary,
  ): Promise<void> {
    try {
      for (const [i, output] of claims.entries()) {
        const part = prepared.parts[i];
        this.prepared.push(
          await prepareOutput(
            output,
            async (temp) => {
              const written = await writeFluxFile(temp, part.flux, dictionary);
              // The split measured every passage beforehand; this only guards against a mistake in that sum.
              if (written.bytes > part.estimatedBytes)
                throw new Error(
                  `Part ${i + 1} is ${written.bytes} bytes, over its estimate of ${part.estimatedBytes}`,
                );
              return written;
            },
            sameBytesOnDisk,
          ),
        );
      }
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  /** The prepared files, for the messages: what each replaces, and its size and hash. */
  get files(): readonly (PreparedOutput & { readonly written: WrittenFlux })[] {
    return this.prepared;
  }

  /** Gives the verified files their names, all or nothing; default names move on to the next free one. */
  async commitFlux(prepared: PreparedExport): Promise<void> {
    try {
      for (;;) {
        try {
          await commitOutputs(this.prepared);
          return;
        } catch (error) {
          if (
            !(error instanceof OutputRefusedError) ||
            error.code !== 'appeared' ||
            this.options.output !== undefined
          )
            throw error;
          this.policy.release(this.prepared.map((p) => p.output));
          this.attempt++;
          const claims = await this.claimFluxNames(prepared);
          const refused = claims?.find((c) => !c.ok);
          if (claims === undefined || refused !== undefined)
            throw new OutputRefusedError(
              'appeared',
              error.output,
              refused && !refused.ok ? refused.message : outputText.noFreeName(error.output.path),
            );
          this.prepared = this.prepared.map((p, i) => ({
            ...p,
            output: (claims[i] as { output: ClaimedOutput }).output,
          }));
        }
      }
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  async discard(): Promise<void> {
    await discard(this.prepared);
    this.prepared = [];
  }

  /** The tracking copy's check once written: a complete workbook, with the source's macros when it has any. */
  verifyTracking(temp: string): Promise<boolean> {
    return verifyWrittenWorkbook(temp, this.macros ? this.workbook : undefined);
  }

  get names(): string[] {
    return this.prepared.map((p) => p.output.path);
  }

  get baseNames(): string[] {
    return this.prepared.map((p) => path.basename(p.output.path));
  }
}

/** Streams the XML of one file to `file`, hashing the bytes as they go. */
async function writeFluxFile(
  file: string,
  flux: PreparedExport['flux'],
  dictionary: Dictionary,
): Promise<WrittenFlux> {
  const stream = createWriteStream(file);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for (const chunk of writeFluxXml(flux, dictionary)) {
      const buffer = Buffer.from(chunk, 'utf8');
      hash.update(buffer);
      bytes += buffer.length;
      if (!stream.write(buffer)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** The file as the disk gives it back: same length and same SHA-256 as the bytes produced. */
async function sameBytesOnDisk(file: string, written: WrittenFlux): Promise<boolean> {
  const { size } = await fs.stat(file);
  if (size !== written.bytes) return false;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex') === written.sha256;
}
