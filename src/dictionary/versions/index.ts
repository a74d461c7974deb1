import type { SchemaVersion } from '../types';
import { SCHEMA_1_1_2 } from './1.1.2/schema';

/**
 * The schema versions the product knows, newest last. Adding one is a new folder here whose schema.ts calls
 * defineVersion(previous, changes), and one line in this list.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [SCHEMA_1_1_2];

/** The version the composition roots load (the one the CDC accepts today). */
export const CURRENT_SCHEMA_VERSION = '1.1.2';
