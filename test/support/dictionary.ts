import { CURRENT_SCHEMA_VERSION, getDictionary } from '../../src/dictionary';

/** The tests' composition root for the data: the dictionary of the current schema version. */
export const DICTIONARY = getDictionary(CURRENT_SCHEMA_VERSION);
