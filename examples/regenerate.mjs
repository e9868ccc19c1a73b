#!/usr/bin/env node
// npm run examples: regenerates every example listed in examples.json with the built arch-init.
// Review the result with `git diff`; test/examples.test.ts fails while an example is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = fileURLToPath(new URL('../bin/arch-init.js', import.meta.url));
for (const example of JSON.parse(readFileSync(new URL('examples.json', import.meta.url), 'utf8'))) {
  rmSync(new URL(example.name, import.meta.url), { recursive: true, force: true });
  execFileSync(process.execPath, [bin, example.name, ...example.args], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`examples/${example.name}: arch-init ${example.name} ${example.args.join(' ')}`);
}
