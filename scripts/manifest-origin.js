/**
 * The manifest in the repository points at the development origin; builds for another origin
 * (ADDIN_ORIGIN) rewrite every URL of it. Shared by webpack.config.js and the manifest test.
 */
const DEV_ORIGIN = 'https://localhost:3000';

function manifestForOrigin(xml, origin) {
  const clean = new URL(origin);
  if (clean.protocol !== 'https:')
    throw new Error(`ADDIN_ORIGIN must be https (Office refuses http add-ins): ${origin}`);
  const target = clean.origin;
  return target === DEV_ORIGIN ? xml : xml.split(DEV_ORIGIN).join(target);
}

module.exports = { DEV_ORIGIN, manifestForOrigin };
