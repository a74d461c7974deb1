import type { Dictionary } from '../../dictionary';
import { fieldIdInHeader } from '../template/layout';
import { foldForMatch } from '../check/normalize';
import type { CellValue } from '../model/types';
import { HEADER_SYNONYMS } from './synonyms';
import { mappingTargets, type MappingTarget } from './targets';

/**
 * Proposes a template field for each column of another spreadsheet from its header, the way a person would:
 * accents, case, punctuation and small words ignored, the field's own label and XML tag, then usual synonyms,
 * then word overlap. Each field goes to one column at most (the best-matching one); the user confirms.
 */

export type MatchReason = 'templateHeader' | 'label' | 'tag' | 'synonym' | 'similar' | 'saved' | 'none';

export interface ColumnProposal {
  /** 0-based index of the column in the selected range. */
  readonly column: number;
  /** Header text as found. */
  readonly header: string;
  /** Proposed target (dictionary id or BIRTH_DATE_TARGET), if any. */
  readonly target?: string;
  /** 0 to 1: 1 for a template header, ~0.9 for a synonym, lower for a guess by similar words. */
  readonly confidence: number;
  readonly reason: MatchReason;
}

/** Proposals at or above this confidence can be applied without asking (the CLI does so). */
export const CONFIDENT = 0.85;

// "à" is not one of them: « né(e) à » (place) and « né(e) le » (date) differ by it.
const SMALL_WORDS = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'au',
  'aux',
  'en',
  'et',
  'un',
  'une',
]);
const NUMBER_WORDS = new Set(['n', 'no', 'num', 'numero', 'nr', 'nro']);

/** Words of a header that carry meaning, in a canonical spelling: "N° de dossier CPF *" → ["numero","dossier","cpf"]. */
export function headerWords(text: string): string[] {
  const withoutId = text.replace(/\(\s*\d{1,2}\.\d{1,2}\s*\)/g, ' ').replace(/\*/g, ' ');
  return foldForMatch(withoutId)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !SMALL_WORDS.has(w))
    .map((w) => (NUMBER_WORDS.has(w) ? 'numero' : w));
}

function key(text: string): string {
  return headerWords(text).join(' ');
}

/** Splits a camelCase XML tag into words: "nomNaissance" → "nom naissance". */
function tagWords(tag: string): string {
  return key(tag.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  const common = new Set(a.filter((w) => setB.has(w))).size;
  return (2 * common) / (new Set(a).size + setB.size);
}

interface Candidate {
  readonly column: number;
  readonly target: string;
  readonly confidence: number;
  readonly reason: MatchReason;
}

interface TargetNames {
  readonly target: MappingTarget;
  readonly label: string;
  readonly tag: string;
  readonly synonyms: readonly string[];
}

function namesOf(dictionary: Dictionary): TargetNames[] {
  return [...mappingTargets(dictionary).values()].map((target) => {
    const field = target.kind === 'birthDate' ? undefined : dictionary.field(target.id);
    return {
      target,
      label: field ? key(field.label) : '',
      tag: field ? tagWords(field.tag) : '',
      synonyms: (HEADER_SYNONYMS[target.id] ?? []).map(key),
    };
  });
}

function candidatesFor(column: number, header: string, names: readonly TargetNames[]): Candidate[] {
  const out: Candidate[] = [];
  const id = fieldIdInHeader(header);
  const words = headerWords(header);
  const text = words.join(' ');
  // A hint in parentheses ("Sexe (H/F)", "Score (sur 20)") often qualifies the name rather than being part of it.
  const bare = key(header.replace(/\([^)]*\)/g, ' '));
  if (text === '' && id === undefined) return out;
  // Between two equally exact names, the more specific one wins ("Nom de famille" over "Nom").
  const specific = Math.min(words.length, 5) * 0.004;
  for (const { target, label, tag, synonyms } of names) {
    const add = (confidence: number, reason: MatchReason) =>
      out.push({ column, target: target.id, confidence, reason });
    if (id !== undefined && target.id === id) add(1, 'templateHeader');
    else if (text === label) add(0.97 + specific, 'label');
    else if (text === tag) add(0.95, 'tag');
    else if (synonyms.includes(text)) add(0.9 + specific, 'synonym');
    else if (bare !== '' && bare !== text && (bare === label || synonyms.includes(bare)))
      add(0.87, 'synonym');
    else {
      // Word overlap with the label or a synonym: a guess to confirm, never above CONFIDENT.
      const best = Math.max(dice(words, label.split(' ')), ...synonyms.map((s) => dice(words, s.split(' '))));
      if (best >= 0.6) add(Math.min(0.8, 0.8 * best), 'similar');
    }
  }
  return out;
}

/** A proposal for every column of `header` (cells of the header row of the selected range). */
export function proposeMapping(header: readonly CellValue[], dictionary: Dictionary): ColumnProposal[] {
  const names = namesOf(dictionary);
  const targets = mappingTargets(dictionary);
  const texts = header.map((value) =>
    typeof value === 'string' ? value : value == null ? '' : String(value),
  );
  const candidates = texts.flatMap((text, column) => candidatesFor(column, text, names));
  // Best matches first; on a tie, the leftmost column (people put the main name first).
  candidates.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  const filled = new Set<string>();
  const chosen = new Map<number, Candidate>();
  for (const candidate of candidates) {
    if (chosen.has(candidate.column)) continue;
    const fills = targets.get(candidate.target)?.fills ?? [];
    // A birth date and a separate year (or month, day) column would fill the same cells.
    if (fills.some((id) => filled.has(id))) continue;
    for (const id of fills) filled.add(id);
    chosen.set(candidate.column, candidate);
  }
  return texts.map((text, column) => {
    const c = chosen.get(column);
    return c
      ? { column, header: text, target: c.target, confidence: c.confidence, reason: c.reason }
      : { column, header: text, confidence: 0, reason: 'none' as const };
  });
}
