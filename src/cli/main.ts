import { Command } from 'commander';
import { checkCommand, exportCommand, templateCommand, validateCommand } from './commands';
import { EXIT, processIO } from './io';

/** `accrochage`: the command-line tool on the same core as the add-in. */

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('accrochage')
    .description('Accrochage CDC : modèle Excel, vérification et export XML des passages de certification')
    .showHelpAfterError('(accrochage --help pour l’aide)');
  const run = (task: Promise<number>) =>
    task.then(setExitCode, (error: unknown) => {
      processIO.err(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`);
      setExitCode(EXIT.unusable);
    });

  program
    .command('template')
    .description('crée un classeur modèle vide, ou affiche sa structure avec --json')
    .option('-o, --output <fichier.xlsx>', 'fichier à créer', 'modele-accrochage-cdc.xlsx')
    .option('--json', 'affiche la structure du modèle (feuilles, cellules, colonnes) en JSON')
    .action((opts: { output?: string; json?: boolean }) => run(templateCommand(processIO, opts)));

  program
    .command('check <fichier.xlsx>')
    .description('vérifie chaque cellule ; code de sortie 0 sans erreur, 1 avec erreurs, 2 si le fichier est inutilisable')
    .option('--json', 'liste des problèmes en JSON')
    .action((file: string, opts: { json?: boolean }) => run(checkCommand(processIO, file, opts)));

  program
    .command('export <fichier.xlsx>')
    .description('produit le fichier XML CDC, validé par le XSD ; refuse tant qu’il reste une erreur')
    .option('-o, --output <fichier.xml>', 'fichier XML à écrire')
    .action((file: string, opts: { output?: string }) => run(exportCommand(processIO, file, opts)));

  program
    .command('validate <fichier.xml>')
    .description('vérifie un fichier XML CDC (fait par n’importe quel outil) avec le XSD')
    .option('--json', 'liste des erreurs en JSON')
    .action((file: string, opts: { json?: boolean }) => run(validateCommand(processIO, file, opts)));

  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
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
  }
  process.exitCode = code;
}
