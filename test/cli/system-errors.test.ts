import { describeFailure } from '../../src/cli/main';
import { frenchErrorMessage } from '../../src/cli/system-errors';
import { resetInterruptionState } from '../../src/cli/interruption';
import { UNTRANSLATED } from '../support/hostile-files';

/**
 * What the system and the libraries throw reaches the user in French, naming the file and saying what to do;
 * whatever cannot be translated is called an unexpected error, with its detail, and the exit code still says
 * whether anything was written.
 */

const errno = (code: string, path: string) =>
  Object.assign(new Error(`${code}: raw, open '${path}'`), { code, path });

describe('errors of the system, in French', () => {
  it.each([
    ['ENOSPC', 'write', /^Le disque est plein : \/d\/envoi\.xml n’a pas pu être écrit\. Libérez de la place/],
    ['EDQUOT', 'write', /^Votre quota d’espace disque est atteint : \/d\/envoi\.xml/],
    ['EACCES', 'write', /^Accès refusé à \/d\/envoi\.xml : vous n’avez pas le droit d’écrire à cet endroit/],
    ['EACCES', 'read', /^Accès refusé à \/d\/envoi\.xml : vous n’avez pas le droit de lire ce fichier/],
    [
      'EPERM',
      'write',
      /^Opération refusée par le système sur \/d\/envoi\.xml .*ouvert dans un autre programme \(Excel\)/,
    ],
    ['EBUSY', 'write', /^\/d\/envoi\.xml est utilisé par un autre programme/],
    ['ENOENT', 'read', /^Fichier introuvable : \/d\/envoi\.xml\./],
    ['ENOENT', 'write', /^Le dossier de \/d\/envoi\.xml n’existe pas : créez-le/],
    ['EROFS', 'write', /^\/d\/envoi\.xml est sur un support en lecture seule/],
    ['EISDIR', 'read', /^\/d\/envoi\.xml est un dossier, pas un fichier/],
    ['ENOTDIR', 'write', /^Le chemin \/d\/envoi\.xml passe par un fichier comme s’il était un dossier/],
    ['ENAMETOOLONG', 'write', /^Le nom \/d\/envoi\.xml est trop long/],
    ['EMFILE', 'read', /^Trop de fichiers ouverts/],
    ['EIO', 'read', /^Erreur du disque en lisant ou en écrivant \/d\/envoi\.xml/],
  ] as const)('%s (%s)', (code, action, message) => {
    const text = frenchErrorMessage(errno(code, '/d/envoi.xml.4242-0a1b2c3d.partiel'), { file: '', action });
    expect(text).toMatch(message);
    expect(text).not.toMatch(UNTRANSLATED);
  });

  it('names the final file, not the temporary one, even without being told', () => {
    expect(
      frenchErrorMessage(errno('ENOSPC', '/d/suivi.xlsx.77-deadbeef.partiel'), { file: '', action: 'write' }),
    ).toMatch(/^Le disque est plein : \/d\/suivi\.xlsx n’a pas pu être écrit/);
  });

  it.each([
    ['invalid signature: 0xe011cfd0', /n'est pas un classeur Excel \(\.xlsx\) lisible/],
    ['FILE_ENDED', /est incomplet \(sa fin manque\)/],
    ['Bug : uncompressed data size mismatch', /est endommagé/],
    ["Can't find end of central directory : is this a zip file ?", /n'est pas un classeur Excel/],
  ])('a zip library saying « %s »', (wording, message) => {
    const text = frenchErrorMessage(new Error(wording), { file: 'classeur.xlsx', action: 'read' });
    expect(text).toMatch(message);
    expect(text).toContain('classeur.xlsx');
    expect(text).not.toMatch(UNTRANSLATED);
  });
});

describe('an error that escapes a command', () => {
  beforeEach(resetInterruptionState);

  it('a system error: translated, and nothing written (exit 2)', () => {
    expect(describeFailure(errno('ENOSPC', '/d/envoi.xml.1-00000000.partiel'))).toEqual({
      message:
        'Le disque est plein : /d/envoi.xml n’a pas pu être écrit. Libérez de la place ou choisissez un autre disque, puis relancez. Aucun fichier n’a été écrit.',
      exitCode: 2,
    });
  });

  it('anything else: an unexpected error with its detail, still saying what exists', () => {
    const failure = describeFailure(new Error('boom'));
    expect(failure).toEqual({
      message:
        'Erreur inattendue (détail technique : boom). Aucun fichier n’a été écrit. Si cela se reproduit, signalez-le avec ce message.',
      exitCode: 2,
    });
  });
});
