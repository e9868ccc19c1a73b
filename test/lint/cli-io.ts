import { PassThrough } from 'node:stream';
import type { Io } from '../../src/cli/io.js';

/** An Io whose streams are strings, as a test reads them. */
export function memoryIo(cwd: string, env: NodeJS.ProcessEnv = {}): Io & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdout, stderr, env, cwd, stdinIsTTY: false, out: () => out, err: () => err };
}
