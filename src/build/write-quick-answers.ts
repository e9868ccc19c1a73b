/**
 * Build step: asks the real commander programs for their --help and --version
 * output and stores it for answerQuickly(), so the fast path can never drift
 * from what the programs would print.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import type { Io } from '../cli/io.js';
import { quickAnswersFile, quickFlags } from '../cli/quick.js';

type Main = (argv: string[], io: Io) => Promise<number>;

async function capture(main: Main, flag: string): Promise<string> {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // A fixed, non-terminal environment: the stored text must not depend on the build machine.
  const io: Io = { stdout, stderr: new PassThrough(), env: {}, cwd: process.cwd(), stdinIsTTY: false };
  const code = await main([flag], io);
  if (code !== 0) throw new Error(`${flag} exited ${code}`);
  return out;
}

const tools: Record<string, () => Promise<{ main: Main }>> = {
  'arch-init': () => import('../cli/arch-init.js'),
  'arch-lint': () => import('../cli/arch-lint.js'),
};

for (const [tool, load] of Object.entries(tools)) {
  const { main } = await load();
  const answers: Record<string, string> = {};
  for (const flag of quickFlags) answers[flag] = await capture(main, flag);
  const file = fileURLToPath(quickAnswersFile(tool));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(answers, null, 2)}\n`);
}
