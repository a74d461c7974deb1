#!/usr/bin/env node
'use strict';
// Compiled by `npm run build:cli` (run automatically by `npm install` / `npm ci` through "prepare").
require('../dist/cli/main.js').main(process.argv);
