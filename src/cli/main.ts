import { Command } from 'commander';
import { checkCommand, exportCommand, templateCommand, validateCommand } from './commands';
import { idsCommand } from './ids-command';
import { importCommand, mapCommand } from './commands-import';
import { EXIT, processIO } from './io';
import { cliHelp, receiptText } from '../i18n/cli';
import { exitText } from '../i18n/cli-files';
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
    .description(cliHelp.program)
    .showHelpAfterError(cliHelp.afterError);
  const run = (task: Promise<number>) =>
    task.then(setExitCode, (error: unknown) => {
      const failure = describeFailure(error);
      processIO.err(failure.message);
      setExitCode(failure.exitCode);
    });
  program.addHelpText('after', cliHelp.exitCodes);
  const REPLACE = '--remplacer';

  program
    .command('template')
    .description(cliHelp.template)
    .option('-o, --output <fichier.xlsx>', cliHelp.templateOutput, 'modele-accrochage-cdc.xlsx')
    .option('--json', cliHelp.templateJson)
    .option(REPLACE, cliHelp.replace)
    .action((opts: { output?: string; json?: boolean; remplacer?: boolean }) =>
      run(templateCommand(processIO, opts)),
    );

  program
    .command('check <fichier.xlsx>')
    .description(cliHelp.check)
    .option('--json', cliHelp.checkJson)
    .action((file: string, opts: { json?: boolean }) => run(checkCommand(processIO, file, opts)));

  program
    .command('export <fichier.xlsx>')
    .description(cliHelp.export)
    .option('-o, --output <fichier.xml>', cliHelp.exportOutput)
    .option('--mode <mode>', cliHelp.exportMode)
    .option('--max-passages <N>', cliHelp.exportMaxPassages)
    .option('--xsd <officiel.xsd>', cliHelp.exportXsd)
    .option('--suivi <fichier.xlsx>', cliHelp.exportSuivi)
    .option(REPLACE, cliHelp.exportReplace)
    .option('--inclure-inchanges', cliHelp.exportIncludeUnchanged)
    .action(
      (
        file: string,
        opts: {
          output?: string;
          inclureInchanges?: boolean;
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
    .description(cliHelp.receipt)
    .option('-o, --output <sortie.xlsx>', cliHelp.receiptOutput)
    .option(REPLACE, cliHelp.replace)
    .option('--xml <envoi.xml>', cliHelp.receiptXml)
    .option('--json', cliHelp.receiptJson)
    .option('--force', receiptText.forceOption)
    .action(
      (
        receipt: string,
        file: string,
        opts: { output?: string; xml?: string; json?: boolean; remplacer?: boolean; force?: boolean },
      ) => run(receiptCommand(processIO, receipt, file, opts)),
    );

  program
    .command('ids <fichier.xlsx>')
    .description(cliHelp.ids)
    .requiredOption('-o, --output <sortie.xlsx>', cliHelp.idsOutput)
    .option(REPLACE, cliHelp.replace)
    .action((file: string, opts: { output: string; remplacer?: boolean }) =>
      run(idsCommand(processIO, file, opts)),
    );

  program
    .command('upgrade <fichier.xlsx>')
    .description(cliHelp.upgrade)
    .requiredOption('-o, --output <copie.xlsx>', cliHelp.upgradeOutput)
    .option(REPLACE, cliHelp.replace)
    .action((file: string, opts: { output: string; remplacer?: boolean }) =>
      run(upgradeCommand(processIO, file, opts)),
    );

  program
    .command('validate <fichier.xml>')
    .description(cliHelp.validate)
    .option('--json', cliHelp.validateJson)
    .action((file: string, opts: { json?: boolean }) => run(validateCommand(processIO, file, opts)));

  program
    .command('import <flux.xml>')
    .description(cliHelp.import)
    .option('-o, --output <fichier.xlsx>', cliHelp.importOutput)
    .option('--certificateur <n>', cliHelp.importCertificateur, '1')
    .option(REPLACE, cliHelp.replace)
    .action((file: string, opts: { output?: string; certificateur?: string; remplacer?: boolean }) =>
      run(importCommand(processIO, file, opts)),
    );

  program
    .command('map <source.xlsx>')
    .description(cliHelp.map)
    .option('--feuille <nom>', cliHelp.mapFeuille)
    .option('--correspondance <fichier.json>', cliHelp.mapCorrespondance)
    .option('--enregistrer <fichier.json>', cliHelp.mapEnregistrer)
    .requiredOption('-o, --output <modele.xlsx>', cliHelp.mapOutput)
    .option(REPLACE, cliHelp.replace)
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
  if (translated !== undefined) return { message: `${translated} ${exitText.outcome(completed)}`, exitCode };
  const detail = error instanceof Error ? error.message : String(error);
  return { message: exitText.unexpected(detail, completed), exitCode };
}

/**
 * Ctrl-C (SIGINT) and SIGTERM: remove partial and temporary files, say what exists, exit 130 or 143. Without
 * this, Node would stop at once and leave them behind.
 */
function installInterruptionHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    const removed = removePendingFiles();
    processIO.err(exitText.interrupted(signal, removed, completedOutputs()));
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
