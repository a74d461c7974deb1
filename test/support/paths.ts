import path from 'node:path';

/**
 * The one module that knows where things are on disk for the tests: the repository, and the CDC reference
 * material read in place in ../shared/cdc (never copied into the project).
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_CDC = path.resolve(REPO_ROOT, '..', 'shared', 'cdc');
export const OFFICIAL_XSD = path.join(SHARED_CDC, 'xsd', 'cdc-flux-1.1.2.xsd');
export const OFFICIAL_EXAMPLE = path.join(SHARED_CDC, 'examples', 'cdc-flux-1.1.2-example.xml');
/** Accusés de traitement received by another certificateur, anonymised by the CDC's own documentation. */
export const SAMPLE_ACCUSE = path.join(SHARED_CDC, 'accuses', 'accuse-traitement-sample-pix-20231018.xml');
/** Our generated XSD files (xsd/), and the generated documentation (docs/). */
export const XSD_DIR = path.join(REPO_ROOT, 'xsd');
export const DOCS_DIR = path.join(REPO_ROOT, 'docs');
export const SCRIPTS_DIR = path.join(REPO_ROOT, 'scripts');
