#!/usr/bin/env node
// npm `bin` shim: runs the TypeScript command through tsx's CommonJS hook, so there is no build step.
require('tsx/cjs');
const { main } = require('../cli.ts');

main(process.argv.slice(2)).then((code) => process.exit(code));
