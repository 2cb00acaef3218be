#!/usr/bin/env node
// npm `bin` of the package: runs the CLI as built into dist/ by `npm run build` (run on `npm pack`).
const { main } = require('../dist/cli.js');

main(process.argv.slice(2)).then((code) => process.exit(code));
