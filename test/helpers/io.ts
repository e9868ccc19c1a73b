import { PassThrough } from 'node:stream';
import type { Io } from '../../src/cli/io.js';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

/** An Io whose streams are captured, for running the real command code in-process. */
export function captureIo(overrides: Partial<Io> = {}): CapturedIo {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    stdout,
    stderr,
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
    stdinIsTTY: false,
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
