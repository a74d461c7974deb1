/**
 * npm run demo: builds the demo page (the task pane next to an in-browser workbook, no Excel needed) and
 * serves it on localhost. Nothing leaves the machine: the page loads only files from this server.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist/demo');
const port = Number(process.env.PORT || 3100);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.map': 'application/json',
};

const build = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'development', '--env', 'demo'],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

http
  .createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url || '/', 'http://localhost').pathname);
    const file = path.join(out, pathname === '/' ? 'demo.html' : path.normalize(pathname));
    if (!file.startsWith(out) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  })
  .listen(port, '127.0.0.1', () => {
    console.log(`\nDémonstration prête : http://localhost:${port}/demo.html  (Ctrl+C pour arrêter)`);
  });
