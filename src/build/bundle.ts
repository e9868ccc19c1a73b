/**
 * Build step: bundles each command line into dist/bundle/ with esbuild. Node 20
 * has no module compile cache, and loading zod's ~95 files alone costs about as
 * much as starting node; one bundle per entry point (with shared chunks for the
 * lazily loaded parts) keeps start-up within budget. Packages that are large,
 * native, or loaded only on some paths stay external and load on demand.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { packageRoot } from '../generate/paths.js';

const bundled = new Set(['commander', 'zod', 'yaml', 'ignore']);
const { dependencies } = JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')) as { dependencies: Record<string, string> };
const external = Object.keys(dependencies).filter((name) => !bundled.has(name));

await build({
  absWorkingDir: packageRoot,
  entryPoints: { 'arch-init': 'dist/cli/arch-init.js', 'arch-lint': 'dist/cli/arch-lint.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minifySyntax: true,
  minifyWhitespace: true,
  external,
  // Bundled CommonJS (commander) calls require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
