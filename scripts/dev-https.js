'use strict';
/**
 * HTTPS options of the development server. office-addin-dev-certs makes a localhost certificate and adds its
 * CA to the system's trusted store; where that second step cannot run (Linux without sudo, a locked-down
 * machine), the certificate it made is still good: serve with it and say how to trust the CA by hand.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function devHttpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    const dir = path.join(os.homedir(), '.office-addin-dev-certs');
    const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
    const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)]));
    if (!Object.values(paths).every((p) => fs.existsSync(p))) throw error;
    console.warn(
      `\nLe certificat de développement n'a pas pu être ajouté aux autorités de confiance (${error.message.split('\n')[0]}).\n` +
        `Le serveur démarre avec ${paths.cert} ; pour qu'Excel l'accepte, faites confiance à ${paths.ca}\n` +
        '(navigateur : Paramètres > Sécurité > Certificats > Autorités > Importer), voir docs/sideloading.md.\n',
    );
    return Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fs.readFileSync(p)]));
  }
}

module.exports = { devHttpsOptions };
