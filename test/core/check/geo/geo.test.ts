import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  communeStatus,
  countryOfInseeCode,
  isInseeCommuneCodeShape,
  isKnownPostalCode,
  postalCodesOfCommune,
} from '../../../../src/core/check/geo';
import { REPO_ROOT, SCRIPTS_DIR } from '../../../support/paths';

const SCRIPT = path.join(SCRIPTS_DIR, 'build-geo-index.js');
const GEO_DIR = path.join(REPO_ROOT, 'src/core/check/geo');
const runScript = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

describe('INSEE commune codes (Code officiel géographique)', () => {
  it.each([
    ['75101', 'Paris 1er arrondissement'],
    ['75120', 'Paris 20e arrondissement'],
    ['69381', 'Lyon 1er arrondissement'],
    ['13216', 'Marseille 16e arrondissement'],
    ['2A004', 'Ajaccio (Corse-du-Sud)'],
    ['2B033', 'Bastia (Haute-Corse)'],
    ['97105', 'Basse-Terre (Guadeloupe)'],
    ['97611', 'Mamoudzou (Mayotte)'],
    ['97502', 'Saint-Pierre (Saint-Pierre-et-Miquelon)'],
    ['97701', 'Saint-Barthélemy'],
    ['98818', 'Nouméa (Nouvelle-Calédonie)'],
    ['98735', 'Papeete (Polynésie française)'],
    ['74010', 'Annecy, commune nouvelle'],
  ])('knows %s, %s, as a current commune', (code) => {
    expect(communeStatus(code)).toBe('current');
  });

  it.each([
    ['74011', 'Annecy-le-Vieux, merged into Annecy in 2017'],
    ['01340', 'Saint-Bois, merged into Arboys en Bugey'],
    ['20004', 'Ajaccio with the Corsican code used before 1976'],
  ])('accepts %s (%s) as a former commune', (code) => {
    expect(communeStatus(code)).toBe('former');
  });

  it('does not know codes that never existed', () => {
    expect(communeStatus('75121')).toBe('unknown');
    expect(communeStatus('96001')).toBe('unknown');
  });

  it('tells the shape of a commune code, Corsica included', () => {
    expect(['69383', '2A004', '2B033', '99109'].map(isInseeCommuneCodeShape)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['2C004', '6938', '7510A', '69 38'].map(isInseeCommuneCodeShape)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('postal codes', () => {
  it('gives the postal codes of a commune and of an arrondissement', () => {
    expect(postalCodesOfCommune('69123')).toEqual(expect.arrayContaining(['69001', '69009']));
    expect(postalCodesOfCommune('75116')).toEqual(expect.arrayContaining(['75016', '75116']));
    expect(postalCodesOfCommune('2A004')).toContain('20000');
    expect(postalCodesOfCommune('74011')).toBeUndefined();
  });

  it('knows which postal codes exist', () => {
    expect(isKnownPostalCode('97133')).toBe(true);
    expect(isKnownPostalCode('35000')).toBe(true);
    expect(isKnownPostalCode('99999')).toBe(false);
  });
});

describe('INSEE country codes', () => {
  it('knows current and former countries and territories, not France', () => {
    expect(countryOfInseeCode('99109')).toEqual({ code: '99109', status: 'current', label: 'ALLEMAGNE' });
    expect(countryOfInseeCode('99352')?.label).toBe('ALGERIE');
    expect(countryOfInseeCode('99142')?.status).toBe('former');
    expect(countryOfInseeCode('99132')?.label).toBe('ROYAUME-UNI');
    expect(countryOfInseeCode('99100')).toBeUndefined();
    expect(countryOfInseeCode('99998')).toBeUndefined();
  });
});

describe('generated geographic tables', () => {
  it('are up to date with the installed @etalab/decoupage-administratif and the INSEE country list', () => {
    const run = runScript('--check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('are detected as stale when they differ from their sources', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'geo-'));
    for (const name of ['cog-data.ts', 'countries-data.ts'])
      copyFileSync(path.join(GEO_DIR, name), path.join(dir, name));
    const cog = path.join(dir, 'cog-data.ts');
    writeFileSync(
      cog,
      readFileSync(cog, 'utf8').replace("CURRENT_COMMUNES =\n  '01001", "CURRENT_COMMUNES =\n  '01"),
    );
    const run = runScript('--check', '--out-dir', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cog-data\.ts n'est pas à jour/);
  });

  it('stay small enough for the add-in bundle', () => {
    const bytes = ['cog-data.ts', 'countries-data.ts'].reduce(
      (n, f) => n + statSync(path.join(GEO_DIR, f)).size,
      0,
    );
    expect(bytes).toBeLessThan(600 * 1024);
  });
});
