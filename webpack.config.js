const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { manifestForOrigin, manifestVersion, DEV_ORIGIN } = require('./scripts/manifest-origin');
const { version: packageVersion } = require('./package.json');

/**
 * Builds the task pane (which is also the shared runtime and the function file of the ribbon commands:
 * manifest <FunctionFile resid="Taskpane.Url"/>), the XSD Web Worker and its wasm, all served from our own
 * origin. Only Office.js comes from Microsoft's CDN (referenced in the HTML page).
 *
 * env.e2e: also builds the Office.js stub used by the browser tests, into test-artifacts/e2e-dist.
 * env.release (npm run build:prod): production build for ADDIN_ORIGIN (required), with cache-busted file
 *   names, a Content-Security-Policy on the pages and the manifest's <Version> from package.json.
 * env.demo: builds the demo page only (task pane + in-browser workbook, no Office), see src/demo.
 * env.outDir: output folder (default dist/addin; dist/ itself also holds the CLI build).
 * ADDIN_ORIGIN: origin written into manifest.xml (default https://localhost:3000).
 */
module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const e2e = Boolean(env.e2e);
  const release = Boolean(env.release);
  const demo = Boolean(env.demo);
  if (release && !process.env.ADDIN_ORIGIN)
    throw new Error(
      'ADDIN_ORIGIN manquant : indiquez l’adresse HTTPS du serveur, par ex. ' +
        'ADDIN_ORIGIN=https://complements.example.fr npm run build:prod',
    );
  const origin = process.env.ADDIN_ORIGIN || DEV_ORIGIN;
  const outputPath = env.outDir
    ? path.resolve(__dirname, env.outDir)
    : e2e
      ? path.resolve(__dirname, 'test-artifacts/e2e-dist')
      : path.resolve(__dirname, demo ? 'dist/demo' : 'dist/addin');
  // Hashed names let the server cache files for a year: a new build gets new names.
  const hashed = production || release;

  const entry = demo
    ? { demo: './src/demo/index.tsx' }
    : {
        taskpane: './src/taskpane/index.tsx',
        ...(e2e ? { 'office-stub': './test/e2e/stub/office-stub.ts' } : {}),
      };
  const csp = require('./scripts/content-security-policy');
  const meta = release ? { csp: { 'http-equiv': 'Content-Security-Policy', content: csp } } : {};

  let devServer;
  if (argv.mode !== 'production' && process.env.WEBPACK_SERVE) {
    // Trusted localhost certificate, as Office requires HTTPS for add-ins.
    const { devHttpsOptions } = require('./scripts/dev-https');
    devServer = {
      port: Number(new URL(DEV_ORIGIN).port),
      server: { type: 'https', options: await devHttpsOptions() },
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: outputPath },
    };
  }

  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry,
    output: {
      path: outputPath,
      // The e2e stub keeps its plain name: the harness serves it in place of Office.js.
      filename: (data) =>
        hashed && data.chunk?.name !== 'office-stub' ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.mjs', '.js'],
      // xmlbuilder2's DOM requires Node's "url" for domainToASCII, used only when parsing document
      // URLs, which building XML never does: no polyfill needed.
      fallback: { url: false },
    },
    module: {
      rules: [
        {
          // Exports xmllint-wasm's Emscripten factory for the XSD worker pool (see the loader).
          test: /xmllint-wasm[\\/]xmllint-browser\.mjs$/,
          use: path.resolve(__dirname, 'scripts/webpack/emscripten-module-exports.js'),
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            // transpileOnly: type checking is `npm run typecheck`; ES modules let webpack tree-shake
            // and see `new URL(..., import.meta.url)` assets.
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              compilerOptions: {
                module: 'esnext',
                moduleResolution: 'bundler',
                target: 'es2020',
                sourceMap: !production,
              },
            },
          },
        },
      ],
    },
    plugins: demo
      ? [
          new HtmlWebpackPlugin({
            filename: 'demo.html',
            template: './src/demo/demo.html',
            chunks: ['demo'],
          }),
          new CopyWebpackPlugin({ patterns: [{ from: 'assets/*.png', to: 'assets/[name][ext]' }] }),
        ]
      : [
          new HtmlWebpackPlugin({
            filename: 'taskpane.html',
            template: './src/taskpane/taskpane.html',
            chunks: ['taskpane'],
            meta,
            // The e2e stub replaces Office.js by routing its URL; nothing else changes in the page.
          }),
          new CopyWebpackPlugin({
            patterns: [
              { from: 'assets/*.png', to: 'assets/[name][ext]' },
              {
                from: 'manifest.xml',
                to: 'manifest.xml',
                transform: (content) => {
                  const xml = manifestForOrigin(content.toString(), origin);
                  return release ? manifestVersion(xml, packageVersion) : xml;
                },
              },
            ],
          }),
        ],
    performance: { hints: false },
    devServer,
  };
};
