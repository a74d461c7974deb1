/**
 * npm start: on Windows and macOS (where desktop Excel can be installed), sideload with
 * office-addin-debugging (it starts the HTTPS dev server and opens Excel). Elsewhere, print how
 * to sideload in Excel on the web.
 */
const { spawn } = require('child_process');

if (process.platform === 'win32' || process.platform === 'darwin') {
  const child = spawn('npx', ['office-addin-debugging', 'start', 'manifest.xml'], {
    stdio: 'inherit',
    shell: true,
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`
Excel de bureau n'existe pas sur ce système : testez le complément dans Excel sur le web.
  1. Le serveur démarre ci-dessous (https://localhost:3000) ; laissez-le tourner.
  2. Ouvrez un classeur sur https://www.office.com, onglet Accueil > Compléments > Plus de compléments
     > Mes compléments > Charger mon complément, puis choisissez manifest.xml.
  Détails : docs/sideloading.md

Desktop Excel is not available on this system: try the add-in in Excel on the web.
  1. The server starts below (https://localhost:3000); keep it running.
  2. Open a workbook at https://www.office.com, Home > Add-ins > More add-ins > My add-ins
     > Upload My Add-in, and pick manifest.xml.
  Details: docs/sideloading.md
`);
  const server = spawn('npx', ['webpack', 'serve', '--mode', 'development'], {
    stdio: 'inherit',
    shell: true,
  });
  server.on('exit', (code) => process.exit(code ?? 0));
}
