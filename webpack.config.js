const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { manifestForOrigin, DEV_ORIGIN } = require('./scripts/manifest-origin');

/**
 * Builds the task pane (which is also the shared runtime of the ribbon commands), a standalone
 * commands page, the XSD Web Worker and its wasm, all served from our own origin. Only Office.js
 * comes from Microsoft's CDN (referenced in the HTML pages).
 *
 * env.e2e: also builds the Office.js stub used by the browser tests, into test-artifacts/e2e-dist.
 * ADDIN_ORIGIN: origin written into dist/manifest.xml (default https://localhost:3000).
 */
module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const e2e = Boolean(env.e2e);
  const origin = process.env.ADDIN_ORIGIN || DEV_ORIGIN;
  const outputPath = e2e
    ? path.resolve(__dirname, 'test-artifacts/e2e-dist')
    : path.resolve(__dirname, 'dist');

  const entry = {
    taskpane: './src/taskpane/index.tsx',
    commands: './src/commands/index.ts',
    ...(e2e ? { 'office-stub': './test/e2e/stub/office-stub.ts' } : {}),
  };

  let devServer;
  if (argv.mode !== 'production' && process.env.WEBPACK_SERVE) {
    // Trusted localhost certificate, as Office requires HTTPS for add-ins.
    const devCerts = require('office-addin-dev-certs');
    devServer = {
      port: Number(new URL(DEV_ORIGIN).port),
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
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
      filename: '[name].js',
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
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        // The e2e stub replaces Office.js by routing its URL; nothing else changes in the page.
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => manifestForOrigin(content.toString(), origin),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer,
  };
};
