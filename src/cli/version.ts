import { readFileSync } from 'node:fs';

/** This package's version, read from its package.json (dist/cli/ or src/cli/ → ../../package.json). */
export function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
