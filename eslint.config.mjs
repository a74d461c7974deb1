import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * The architecture, enforced (README, "Architecture"): arrows point one way, from the surfaces to the core and
 * from the core to the dictionary. eslint-plugin-import-x resolves our TypeScript imports and checks the layers
 * (no-restricted-paths) and import cycles (no-cycle; it follows value imports, type-only ones are erased at build).
 */

const SURFACES = [
  'src/office',
  'src/fake-excel',
  'src/xlsx',
  'src/controllers',
  'src/taskpane',
  'src/commands',
  'src/workers',
  'src/cli',
  'src/demo',
];
const PURE = ['src/dictionary', 'src/core', 'src/i18n', 'src/docs'];

const zone = (target, from, message) => ({ target, from, message });
const LAYERS = [
  zone(
    'src/dictionary',
    [...PURE.filter((p) => p !== 'src/dictionary'), ...SURFACES],
    'the dictionary is data: it imports nothing of the product',
  ),
  ...['src/core', 'src/i18n', 'src/docs'].map((target) =>
    zone(target, SURFACES, 'the core is pure: it never imports an adapter or a surface'),
  ),
  zone(
    'src/office',
    ['src/xlsx', 'src/cli', 'src/controllers', 'src/taskpane', 'src/commands', 'src/workers', 'src/demo'],
    'the Office.js adapter knows only the core',
  ),
  zone(
    'src/xlsx',
    [
      'src/office',
      'src/fake-excel',
      'src/controllers',
      'src/taskpane',
      'src/commands',
      'src/workers',
      'src/demo',
    ],
    'the exceljs adapter knows only the core',
  ),
  zone(
    'src/cli',
    ['src/office', 'src/fake-excel', 'src/controllers', 'src/taskpane', 'src/commands', 'src/demo'],
    'the CLI runs on the core and the exceljs adapter',
  ),
  // The CLI's worker threads (xmllint pool) live with the other workers, in src/workers/node.
  {
    target: 'src/cli',
    from: 'src/workers',
    except: ['./node'],
    message: 'the CLI uses only the Node workers (src/workers/node)',
  },
  zone(
    ['src/taskpane', 'src/commands', 'src/controllers', 'src/demo', 'src/office', 'src/fake-excel'],
    'src/workers/node',
    'src/workers/node uses worker_threads: the add-in never loads it',
  ),
  zone(
    'src/workers/node',
    ['src/office', 'src/fake-excel', 'src/controllers', 'src/taskpane', 'src/commands', 'src/demo'],
    'the Node workers run on the core only',
  ),
  zone(
    'src/controllers',
    ['src/taskpane', 'src/commands', 'src/demo', 'src/xlsx', 'src/cli', 'src/fake-excel'],
    'controllers know the core, the workbook port and the workers, not the views',
  ),
  ...['src/taskpane', 'src/commands', 'src/workers'].map((target) =>
    zone(target, ['src/xlsx', 'src/cli', 'src/demo'], 'the add-in never loads the CLI or exceljs'),
  ),
  zone('src', ['test', 'bench'], 'production code never imports tests or benchmarks'),
];

/** Composition roots: the only modules that load a dictionary by version. */
const ROOTS = [
  'src/cli/schema.ts',
  'src/taskpane/services.ts',
  'src/workers/core.worker.ts',
  'src/demo/index.tsx',
];
const NO_DEFAULT_DICTIONARY = {
  group: ['**/dictionary'],
  importNames: ['getDictionary'],
  message:
    'Receive the dictionary as a parameter: only composition roots load one (see README, Architecture).',
};
const NO_EXCELJS = { name: 'exceljs', message: 'exceljs is used in src/xlsx only (the .xlsx adapter).' };
const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension'].map((name) => ({
  name,
  message: 'Office.js is called in src/office only (the Office.js adapter).',
}));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'coverage', 'test-artifacts', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js'] })],
      // Imported modules are parsed to follow their imports (no-cycle).
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
      'no-restricted-imports': ['error', { paths: [NO_EXCELJS], patterns: [NO_DEFAULT_DICTIONARY] }],
      'no-restricted-globals': ['error', ...OFFICE_GLOBALS],
    },
  },
  {
    files: ['src/xlsx/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_DEFAULT_DICTIONARY] }] },
  },
  { files: ROOTS, rules: { 'no-restricted-imports': ['error', { paths: [NO_EXCELJS] }] } },
  { files: ['src/office/**'], rules: { 'no-restricted-globals': 'off' } },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
