import { readFileSync } from 'node:fs';

let version: string | undefined;

/** This package's version, read once from its package.json (src/cli/, dist/cli/ or dist/bundle/ → ../../package.json). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
