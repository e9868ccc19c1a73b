#!/usr/bin/env node
import { answerQuickly } from '../dist/cli/quick.js';

const argv = process.argv.slice(2);
if (!answerQuickly('arch-init', argv, process.stdout)) {
  const { processIo } = await import('../dist/cli/io.js');
  const { main } = await import('../dist/bundle/arch-init.js');
  process.exitCode = await main(argv, processIo());
}
