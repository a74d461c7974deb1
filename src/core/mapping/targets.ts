import type { Dictionary, FieldDef } from '../../dictionary';
import { BIRTH_DATE_PARTS, BIRTH_DATE_TARGET } from './synonyms';

/**
 * What a column of another spreadsheet can be mapped to: a passage field of the template, a flux-level field
 * (one value for the whole file, for the parameters sheet), or a whole birth date split into year, month, day.
 */

export type TargetKind = 'passage' | 'parameter' | 'birthDate';

export interface MappingTarget {
  /** A dictionary id, or BIRTH_DATE_TARGET. */
  readonly id: string;
  readonly kind: TargetKind;
  /** French name shown to the user, from the dictionary. */
  readonly label: string;
  /** Dictionary ids the target fills (a birth date fills three). */
  readonly fills: readonly string[];
}

const cache = new WeakMap<Dictionary, ReadonlyMap<string, MappingTarget>>();

export function mappingTargets(dictionary: Dictionary): ReadonlyMap<string, MappingTarget> {
  const cached = cache.get(dictionary);
  if (cached) return cached;
  const of = (field: FieldDef, kind: TargetKind): [string, MappingTarget] => [
    field.id,
    { id: field.id, kind, label: field.label, fills: [field.id] },
  ];
  const parts = BIRTH_DATE_PARTS.map((id) => dictionary.field(id));
  const targets = new Map<string, MappingTarget>([
    ...dictionary.fieldsOfScope('passage').map((f) => of(f, 'passage')),
    ...dictionary.fieldsOfScope('flux').map((f) => of(f, 'parameter')),
    [
      BIRTH_DATE_TARGET,
      {
        id: BIRTH_DATE_TARGET,
        kind: 'birthDate',
        // "Date de naissance (8.6 à 8.8)": built from the parts' ids, the wording is the mapping's own.
        label: `Date de naissance (${parts[0].id} à ${parts[parts.length - 1].id})`,
        fills: parts.map((f) => f.id),
      },
    ],
  ]);
  cache.set(dictionary, targets);
  return targets;
}
