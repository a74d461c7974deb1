import { getDictionary, type Dictionary } from '../../dictionary';
import type { Flux, Passage } from '../types';
import { writeFluxXml } from './flux-writer';
import { createFlux } from './group';
import { compilePassageSerializer } from './passage-serializer';
import { buildReferenceFluxXml, referencePassageXml } from './reference-serializer';
import { schemaShape } from './schema-shape';

/**
 * Micro-benchmark of passage serialization, for `npm run bench` (not a test: timings vary by machine).
 * Compares the fast serializer with xmlbuilder2 on the same typical passages (civil-status identity, no DIGCOMP,
 * as in PERF-NOTES) and times the whole streaming writer. Results are in milliseconds per passage.
 */

export interface SerializerBenchResult {
  readonly passages: number;
  /** Bytes of one typical passage as written. */
  readonly bytesPerPassage: number;
  /** compilePassageSerializer, per passage. */
  readonly fastMsPerPassage: number;
  /** xmlbuilder2, one document built per passage (referencePassageXml). */
  readonly xmlbuilder2PerPassageMs: number;
  /** xmlbuilder2, the whole file built as one document (buildReferenceFluxXml), per passage. */
  readonly xmlbuilder2WholeFileMsPerPassage: number;
  /** writeFluxXml consumed to the end (envelope with xmlbuilder2, passages fast), per passage. */
  readonly writerMsPerPassage: number;
  /** How many times faster the fast serializer is than xmlbuilder2 per passage. */
  readonly speedup: number;
}

/** A passage shaped like those of the CDC example, with per-row values varying. */
export function typicalPassage(index: number): Passage {
  return {
    row: index + 2,
    values: {
      '4.1': 'RNCP',
      '4.2': 'RNCP34829',
      '5.1': `0785a873-acf7-4632-ad7b-${String(index).padStart(12, '0')}`,
      '5.2': 'https://www.example.fr/preuves/certificat',
      '5.3': 'Mention spéciale',
      '5.4': 'PAR_ADMISSION',
      '5.5': 'true',
      '5.6': '2025-12-20',
      '5.7': '2025-12-22',
      '5.8': 'EN_PRESENTIEL',
      '5.9': '75009',
      '5.10': '2025-12-23',
      '5.12': 'false',
      '5.14': 'false',
      '5.15': `${index % 20}/20`,
      '5.16': 'MENTION_ASSEZ_BIEN',
      '7.1': 'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION',
      '7.3': 'CERTIFIE',
      '7.4': '2025-02-10',
      '8.1': index % 7 === 0 ? 'Dupont & Fils' : 'Dupont',
      '8.2': 'Martin',
      '8.3': 'Élodie',
      '8.4': 'Marie',
      '8.6': '1996',
      '8.7': '11',
      '8.8': '15',
      '8.9': 'F',
      '8.10': '31555',
      '8.12': 'Toulouse',
      '8.14': 'France',
    },
    digcomp: [],
  };
}

function timePerItem(count: number, run: (i: number) => void): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) run(i);
  return (performance.now() - start) / count;
}

export function runSerializerBench(
  options: {
    readonly passages?: number;
    readonly referencePassages?: number;
    readonly dictionary?: Dictionary;
  } = {},
): SerializerBenchResult {
  const dictionary = options.dictionary ?? getDictionary();
  const count = options.passages ?? 20000;
  // xmlbuilder2 is ~100× slower: a smaller sample gives the same per-passage figure in reasonable time.
  const referenceCount = Math.min(count, options.referencePassages ?? 1000);
  const passages = Array.from({ length: count }, (_, i) => typicalPassage(i));
  const serialize = compilePassageSerializer(dictionary);
  const indent = schemaShape(dictionary).passage.depth;
  const header = { '2.1': 'AB123CDE', '3.1': 'E564ACB0', '3.2': 'MCFCER000123' };
  const flux: Flux = createFlux({ header, passages, now: new Date(), idFlux: 'bench', dictionary });
  const referenceFlux: Flux = createFlux({
    header,
    passages: passages.slice(0, referenceCount),
    now: new Date(),
    idFlux: 'bench',
    dictionary,
  });

  // Warm-up, so that the JIT has compiled both paths before timing.
  let sink = 0;
  timePerItem(Math.min(count, 2000), (i) => (sink += serialize(passages[i], indent).length));
  timePerItem(
    Math.min(referenceCount, 50),
    (i) => (sink += referencePassageXml(passages[i], dictionary, indent).length),
  );

  const fastMsPerPassage = timePerItem(count, (i) => (sink += serialize(passages[i], indent).length));
  const xmlbuilder2PerPassageMs = timePerItem(
    referenceCount,
    (i) => (sink += referencePassageXml(passages[i], dictionary, indent).length),
  );
  const xmlbuilder2WholeFileMsPerPassage =
    timePerItem(1, () => (sink += buildReferenceFluxXml(referenceFlux, dictionary).length)) / referenceCount;
  const writerMsPerPassage =
    timePerItem(1, () => {
      for (const chunk of writeFluxXml(flux, dictionary)) sink += chunk.length;
    }) / count;
  if (sink === 0) throw new Error('Benchmark produced no output');

  return {
    passages: count,
    bytesPerPassage: Buffer.byteLength(serialize(passages[1], indent)),
    fastMsPerPassage,
    xmlbuilder2PerPassageMs,
    xmlbuilder2WholeFileMsPerPassage,
    writerMsPerPassage,
    speedup: xmlbuilder2PerPassageMs / fastMsPerPassage,
  };
}

/** The result as lines of text, for the console. */
export function formatSerializerBench(result: SerializerBenchResult): string {
  const ms = (value: number): string => `${value.toFixed(4)} ms`;
  return [
    `Sérialisation de ${result.passages} passages (${result.bytesPerPassage} octets chacun) :`,
    `  sérialiseur rapide        ${ms(result.fastMsPerPassage)} / passage`,
    `  xmlbuilder2 par passage   ${ms(result.xmlbuilder2PerPassageMs)} / passage (×${result.speedup.toFixed(0)})`,
    `  xmlbuilder2 fichier entier ${ms(result.xmlbuilder2WholeFileMsPerPassage)} / passage`,
    `  écriture du flux complet  ${ms(result.writerMsPerPassage)} / passage`,
  ].join('\n');
}
