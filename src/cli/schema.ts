import { CURRENT_SCHEMA_VERSION, getDictionary, type Dictionary } from '../dictionary';

/**
 * The CLI's composition root for the data: each command loads the dictionary of the schema version it works with
 * (today the current one; a future --schema option would choose here) and passes it down explicitly.
 */
export function commandDictionary(): Dictionary {
  return getDictionary(CURRENT_SCHEMA_VERSION);
}
