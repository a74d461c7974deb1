import { buildDictionary, type Dictionary } from './dictionary';
import { SCHEMA_VERSIONS } from './versions';

/**
 * The single description of the CDC data: fields and the XML schema tree, per schema version. A Dictionary is
 * loaded by the composition roots (CLI commands, pane services, workers, demo) with getDictionary(version) and
 * passed down explicitly; nothing else chooses a version.
 */

export * from './types';
export { buildDictionary, type Dictionary, type FieldPlacement } from './dictionary';
export {
  appliesTo,
  chosenOption,
  filledOptions,
  isDefaultOption,
  leafFields,
  type ChoicePlacement,
  type ChosenOptions,
} from './choices';
export { defineVersion, type TreeInsertion, type VersionChanges } from './define-version';
export { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from './versions';
export { BIRTHPLACE_CHOICE, IDENTITY_CHOICE } from './versions/1.1.2/schema';
export {
  DATE_PATTERN,
  DATETIME_PATTERN,
  DIGCOMP_COMPETENCES,
  DIGCOMP_DOMAINS,
} from './versions/1.1.2/fields';

const cache = new Map<string, Dictionary>();

/** The dictionary of a known schema version; for composition roots only (everything else receives one). */
export function getDictionary(version: string): Dictionary {
  const cached = cache.get(version);
  if (cached) return cached;
  const schema = SCHEMA_VERSIONS.find((s) => s.version === version);
  if (!schema) {
    throw new Error(
      `Version de schéma inconnue : ${version}. Versions disponibles : ${SCHEMA_VERSIONS.map((s) => s.version).join(', ')}.`,
    );
  }
  const dictionary = buildDictionary(schema);
  cache.set(version, dictionary);
  return dictionary;
}
