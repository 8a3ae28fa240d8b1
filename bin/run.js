#!/usr/bin/env node
// The top-level help and version come from the command manifest without loading oclif (fast
// start-up); every other invocation goes through oclif, which loads only the command it runs.
const argv = process.argv.slice(2);
const rootOnly = argv.length === 0 || (argv.length === 1 && ['--help', '-h', 'help', '--version', '-v'].includes(argv[0]));
if (!(rootOnly && (await import('../dist/cli/root-help.js')).answerFromManifest(argv[0]))) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
