#!/usr/bin/env node
'use strict';
// Removes build output folders, so a module moved in src/ never survives as a stale file in the output.
const fs = require('node:fs');
for (const dir of process.argv.slice(2)) fs.rmSync(dir, { recursive: true, force: true });
