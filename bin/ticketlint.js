#!/usr/bin/env node
// The only place that sets the exit code: the CLI itself returns it, so it can be tested in-process.
import { runCli } from '../dist/src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
