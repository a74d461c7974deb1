import type { Dictionary } from '../../dictionary';
import type { CertificationGroup, Flux, Passage, XmlValue } from '../model/types';
import { formatHorodatage } from './horodatage';
import { hasValue, schemaShape } from './schema-shape';

/**
 * Passages are typed one per row with their certification repeated on each row; the XML nests them under one
 * certification element per distinct (type, code, natureDeposant). Groups keep the order in which each
 * certification first appears, and passages keep their row order within a group.
 */
export function groupCertifications(
  passages: readonly Passage[],
  dictionary: Dictionary,
): CertificationGroup[] {
  const keyFields = schemaShape(dictionary).certificationFields;
  const groups = new Map<string, { values: Record<string, XmlValue>; passages: Passage[] }>();
  for (const passage of passages) {
    const key = JSON.stringify(keyFields.map((id) => passage.values[id] ?? ''));
    let group = groups.get(key);
    if (group === undefined) {
      const values: Record<string, XmlValue> = {};
      for (const id of keyFields) {
        const value = passage.values[id];
        if (hasValue(value)) values[id] = value;
      }
      group = { values, passages: [] };
      groups.set(key, group);
    }
    group.passages.push(passage);
  }
  return [...groups.values()];
}

export interface CreateFluxInput {
  /** Values of the flux-level fields (2.1, 3.1, 3.2). */
  readonly header: Readonly<Record<string, XmlValue>>;
  readonly passages: readonly Passage[];
  /** The export instant, written as the Paris-time horodatage. */
  readonly now: Date;
  /** Defaults to a random UUID, as the dictionary advises (1.1). */
  readonly idFlux?: string;
  readonly dictionary: Dictionary;
}

export function createFlux(input: CreateFluxInput): Flux {
  return {
    idFlux: input.idFlux ?? globalThis.crypto.randomUUID(),
    horodatage: formatHorodatage(input.now),
    header: input.header,
    certifications: groupCertifications(input.passages, input.dictionary),
  };
}
