#!/usr/bin/env node
'use strict';
// The azvpn command. The program lives in lib/cli/main.ts, compiled to lib/cli/main.js by the
// package's `prepare` script (jsii); this file only connects it to the process.

const path = require('path');

function loadMain() {
  try {
    return require('../lib/cli/main');
  } catch (error) {
    const notCompiled = error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(path.join('lib', 'cli', 'main'));
    if (!notCompiled) throw error;
  }
  // A source checkout that was never built: run the TypeScript through ts-node when it is installed.
  try {
    require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.dev.json') });
  } catch {
    process.stderr.write('azvpn: internal error: lib/cli/main.js is missing; run `npm run build` first\n');
    process.exit(2);
  }
  return require('../lib/cli/main');
}

function main() {
  let cli;
  try {
    cli = loadMain();
  } catch (error) {
    process.stderr.write(`azvpn: internal error: cannot load the program (${String(error && error.message).split('\n')[0]})\n`);
    process.exitCode = 2;
    return;
  }
  // `azvpn check … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  process.exitCode = cli.run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color,
  });
}

main();
