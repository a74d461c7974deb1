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

/** Office wants a.b.c.d in <Version>: the package version "1.2.3" becomes "1.2.3.0". */
function manifestVersion(xml, packageVersion) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(packageVersion);
  if (!m) throw new Error(`package.json version is not x.y.z: ${packageVersion}`);
  const version = `${m[1]}.${m[2]}.${m[3]}.0`;
  if (!/<Version>[^<]*<\/Version>/.test(xml)) throw new Error('manifest.xml has no <Version> element');
  return xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
}

module.exports = { DEV_ORIGIN, manifestForOrigin, manifestVersion };
