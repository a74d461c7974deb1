import { Command } from 'commander';
import { checkCommand, exportCommand, templateCommand, validateCommand } from './commands';
import { idsCommand } from './ids-command';
import { importCommand, mapCommand } from './commands-import';
import { EXIT, processIO } from './io';
import { EXIT_CODES_HELP, exitMessages, NOTHING_WRITTEN } from './cli-messages';
import {
  completedOutputs,
  createPrivateTempDir,
  removeAbandonedTempDirs,
  removePendingFiles,
} from './interruption';
import { OutputRefusedError } from './output-files';
import { frenchErrorMessage } from './system-errors';
import { receiptCommand } from './receipt-command';
import { upgradeCommand } from './upgrade-command';

/** `accrochage`: the command-line tool on the same core as the add-in. */

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('accrochage')
    .description('Accrochage CDC : modèle Excel, vérification et export XML des passages de certification')
    .showHelpAfterError('(accrochage --help pour l’aide)');
  const run = (task: Promise<number>) =>
    task.then(setExitCode, (error: unknown) => {
      const failure = describeFailure(error);
      processIO.err(failure.message);
      setExitCode(failure.exitCode);
    });
  program.addHelpText('after', EXIT_CODES_HELP);
  const REPLACE = '--remplacer';
  const REPLACE_HELP =
    'remplace un fichier existant du même type (sans cette option, un classeur existant est refusé)';

  program
    .command('template')
    .description('crée un classeur modèle vide, ou affiche sa structure avec --json')
    .option('-o, --output <fichier.xlsx>', 'fichier à créer', 'modele-accrochage-cdc.xlsx')
    .option('--json', 'affiche la structure du modèle (feuilles, cellules, colonnes) en JSON')
    .option(REPLACE, REPLACE_HELP)
    .action((opts: { output?: string; json?: boolean; remplacer?: boolean }) =>
      run(templateCommand(processIO, opts)),
    );

  program
    .command('check <fichier.xlsx>')
    .description(
      'vérifie chaque cellule ; code de sortie 0 sans erreur, 1 avec erreurs, 2 si le fichier est inutilisable',
    )
    .option('--json', 'liste des problèmes en JSON')
    .action((file: string, opts: { json?: boolean }) => run(checkCommand(processIO, file, opts)));

  program
    .command('export <fichier.xlsx>')
    .description(
      'produit le fichier XML CDC, validé par le XSD ; refuse tant qu’il reste une erreur. Les lignes envoyées ' +
        'sont marquées « Envoyé » et l’envoi noté dans la feuille Historique d’une copie <nom>-suivi.xlsx',
    )
    .option(
      '-o, --output <fichier.xml>',
      'fichier XML à écrire (numéroté -1, -2… s’il faut plusieurs fichiers)',
    )
    .option(
      '--mode <mode>',
      'tous | non-envoyes (statut vide ou À envoyer) | rejetes (statut Rejeté)',
      'tous',
    )
    .option(
      '--max-passages <N>',
      'au plus N passages par fichier (au-delà, plusieurs fichiers, chacun son idFlux)',
    )
    .option(
      '--xsd <officiel.xsd>',
      'XSD officiel téléchargé sur l’espace certificateurs : l’export doit aussi le respecter',
    )
    .option(
      '--suivi <fichier.xlsx>',
      'classeur où noter le suivi (par défaut <nom>-suivi.xlsx ; le nom du classeur, avec --remplacer, pour le mettre à jour)',
    )
    .option(
      REPLACE,
      'le classeur de --suivi peut être remplacé ou mis à jour (un XML CDC précédent est toujours remplacé)',
    )
    .action(
      (
        file: string,
        opts: {
          output?: string;
          mode?: string;
          maxPassages?: string;
          xsd?: string;
          suivi?: string;
          remplacer?: boolean;
        },
      ) => run(exportCommand(processIO, file, opts)),
    );

  program
    .command('receipt <accusé.xml> <fichier.xlsx>')
    .description(
      'reporte l’accusé de traitement de la CDC dans le classeur : statut (Accepté / Rejeté), message et que faire, ' +
        'sur chaque ligne ; écrit une copie <nom>-suivi.xlsx. Code de sortie 0 si tout est accepté, 4 si des passages sont rejetés, 2 si inutilisable',
    )
    .option(
      '-o, --output <sortie.xlsx>',
      'classeur à écrire (le nom du classeur, avec --remplacer, pour le mettre à jour)',
    )
    .option(REPLACE, REPLACE_HELP)
    .option(
      '--xml <envoi.xml>',
      'le fichier déposé, pour situer les erreurs XSD (par défaut : cherché d’après l’accusé)',
    )
    .option('--json', 'résultat en JSON')
    .action(
      (
        receipt: string,
        file: string,
        opts: { output?: string; xml?: string; json?: boolean; remplacer?: boolean },
      ) => run(receiptCommand(processIO, receipt, file, opts)),
    );

  program
    .command('ids <fichier.xlsx>')
    .description(
      'génère les identifiants techniques (5.1) manquants dans une copie du classeur ; ' +
        'les identifiants existants et le classeur d’origine ne sont jamais modifiés',
    )
    .requiredOption('-o, --output <sortie.xlsx>', 'copie à écrire, sous un autre nom que le classeur')
    .option(REPLACE, REPLACE_HELP)
    .action((file: string, opts: { output: string; remplacer?: boolean }) =>
      run(idsCommand(processIO, file, opts)),
    );

  program
    .command('upgrade <fichier.xlsx>')
    .description(
      'met un ancien modèle à la dernière version dans une copie (colonnes, feuilles, listes ajoutées ; ' +
        'valeurs, lignes et mises en forme gardées) ; code de sortie 1 si la mise à jour est impossible',
    )
    .requiredOption('-o, --output <copie.xlsx>', 'copie à écrire, sous un autre nom que le classeur')
    .option(REPLACE, REPLACE_HELP)
    .action((file: string, opts: { output: string; remplacer?: boolean }) =>
      run(upgradeCommand(processIO, file, opts)),
    );

  program
    .command('validate <fichier.xml>')
    .description('vérifie un fichier XML CDC (fait par n’importe quel outil) avec le XSD')
    .option('--json', 'liste des erreurs en JSON')
    .action((file: string, opts: { json?: boolean }) => run(validateCommand(processIO, file, opts)));

  program
    .command('import <flux.xml>')
    .description(
      'remplit un modèle avec les passages d’un fichier XML CDC (le sien ou celui d’un autre outil)',
    )
    .option('-o, --output <fichier.xlsx>', 'modèle à créer (par défaut : le nom du fichier XML en .xlsx)')
    .option(
      '--certificateur <n>',
      'n° d’ordre du certificateur à importer si le fichier en contient plusieurs',
      '1',
    )
    .option(REPLACE, REPLACE_HELP)
    .action((file: string, opts: { output?: string; certificateur?: string; remplacer?: boolean }) =>
      run(importCommand(processIO, file, opts)),
    );

  program
    .command('map <source.xlsx>')
    .description(
      'copie une feuille aux colonnes libres dans un modèle, en associant ses colonnes aux données CDC',
    )
    .option('--feuille <nom>', 'feuille à lire (par défaut : la première qui a une ligne d’en-têtes)')
    .option('--correspondance <fichier.json>', 'correspondance enregistrée à utiliser')
    .option('--enregistrer <fichier.json>', 'enregistre la correspondance utilisée pour la prochaine fois')
    .requiredOption('-o, --output <modele.xlsx>', 'modèle à créer')
    .option(REPLACE, REPLACE_HELP)
    .action(
      (
        file: string,
        opts: {
          output: string;
          feuille?: string;
          correspondance?: string;
          enregistrer?: string;
          remplacer?: boolean;
        },
      ) => run(mapCommand(processIO, file, opts)),
    );

  return program;
}

/** The message and exit code of an error that escaped a command: translated, and truthful about what exists. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  const completed = completedOutputs();
  const exitCode = completed.length > 0 ? EXIT.partial : EXIT.unusable;
  if (error instanceof OutputRefusedError) return { message: error.message, exitCode };
  const errno = error as NodeJS.ErrnoException;
  const action = /^(?:open|read|stat|lstat|scandir|realpath)$/.test(errno?.syscall ?? '') ? 'read' : 'write';
  const translated =
    typeof errno?.code === 'string' && errno.path !== undefined
      ? frenchErrorMessage(error, { file: errno.path, action })
      : undefined;
  if (translated !== undefined) {
    const outcome =
      completed.length > 0 ? `Ces fichiers sont complets : ${completed.join(', ')}.` : NOTHING_WRITTEN;
    return { message: `${translated} ${outcome}`, exitCode };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: exitMessages.unexpected(detail, completed), exitCode };
}

/**
 * Ctrl-C (SIGINT) and SIGTERM: remove partial and temporary files, say what exists, exit 130 or 143. Without
 * this, Node would stop at once and leave them behind.
 */
function installInterruptionHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    const removed = removePendingFiles();
    processIO.err(exitMessages.interrupted(signal, removed, completedOutputs()));
    process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // `accrochage check … | head`: a closed pipe ends the output, it is not an error to report.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  });
}

export async function main(argv: readonly string[]): Promise<void> {
  installInterruptionHandlers();
  removeAbandonedTempDirs();
  // Libraries' own temporary files (exceljs sets some aside while reading) go to this run's private folder,
  // removed at the end, on Ctrl-C, and by the next run after a kill -9.
  const runDir = await createPrivateTempDir();
  for (const variable of ['TMPDIR', 'TMP', 'TEMP']) process.env[variable] = runDir;
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  program.exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    process.exitCode = exitCode === 0 ? 0 : EXIT.unusable;
    return;
  } finally {
    removePendingFiles();
  }
  process.exitCode = code;
}
