import { Command } from 'commander';
import { checkCommand, exportCommand, templateCommand, validateCommand } from './commands';
import { idsCommand } from './ids-command';
import { importCommand, mapCommand } from './commands-import';
import { EXIT, processIO } from './io';
import { cliHelp, cliText } from '../i18n/cli';
import { receiptCommand } from './receipt-command';
import { upgradeCommand } from './upgrade-command';

/** `accrochage`: the command-line tool on the same core as the add-in. */

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('accrochage')
    .description(cliHelp.program)
    .showHelpAfterError(cliHelp.afterError);
  const run = (task: Promise<number>) =>
    task.then(setExitCode, (error: unknown) => {
      processIO.err(cliText.unexpected(error instanceof Error ? error.message : String(error)));
      setExitCode(EXIT.unusable);
    });

  program
    .command('template')
    .description(cliHelp.template)
    .option('-o, --output <fichier.xlsx>', cliHelp.templateOutput, 'modele-accrochage-cdc.xlsx')
    .option('--json', cliHelp.templateJson)
    .action((opts: { output?: string; json?: boolean }) => run(templateCommand(processIO, opts)));

  program
    .command('check <fichier.xlsx>')
    .description(cliHelp.check)
    .option('--json', cliHelp.checkJson)
    .action((file: string, opts: { json?: boolean }) => run(checkCommand(processIO, file, opts)));

  program
    .command('export <fichier.xlsx>')
    .description(cliHelp.export)
    .option('-o, --output <fichier.xml>', cliHelp.exportOutput)
    .option('--mode <mode>', cliHelp.exportMode, 'tous')
    .option('--max-passages <N>', cliHelp.exportMaxPassages)
    .option('--xsd <officiel.xsd>', cliHelp.exportXsd)
    .option('--suivi <fichier.xlsx>', cliHelp.exportSuivi)
    .action(
      (
        file: string,
        opts: { output?: string; mode?: string; maxPassages?: string; xsd?: string; suivi?: string },
      ) => run(exportCommand(processIO, file, opts)),
    );

  program
    .command('receipt <accusé.xml> <fichier.xlsx>')
    .description(cliHelp.receipt)
    .option('-o, --output <sortie.xlsx>', cliHelp.receiptOutput)
    .option('--xml <envoi.xml>', cliHelp.receiptXml)
    .option('--json', cliHelp.receiptJson)
    .action((receipt: string, file: string, opts: { output?: string; xml?: string; json?: boolean }) =>
      run(receiptCommand(processIO, receipt, file, opts)),
    );

  program
    .command('ids <fichier.xlsx>')
    .description(cliHelp.ids)
    .requiredOption('-o, --output <sortie.xlsx>', cliHelp.idsOutput)
    .action((file: string, opts: { output: string }) => run(idsCommand(processIO, file, opts)));

  program
    .command('upgrade <fichier.xlsx>')
    .description(cliHelp.upgrade)
    .requiredOption('-o, --output <copie.xlsx>', cliHelp.upgradeOutput)
    .action((file: string, opts: { output: string }) => run(upgradeCommand(processIO, file, opts)));

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
    .action((file: string, opts: { output?: string; certificateur?: string }) =>
      run(importCommand(processIO, file, opts)),
    );

  program
    .command('map <source.xlsx>')
    .description(cliHelp.map)
    .option('--feuille <nom>', cliHelp.mapFeuille)
    .option('--correspondance <fichier.json>', cliHelp.mapCorrespondance)
    .option('--enregistrer <fichier.json>', cliHelp.mapEnregistrer)
    .requiredOption('-o, --output <modele.xlsx>', cliHelp.mapOutput)
    .action(
      (
        file: string,
        opts: { output: string; feuille?: string; correspondance?: string; enregistrer?: string },
      ) => run(mapCommand(processIO, file, opts)),
    );

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
