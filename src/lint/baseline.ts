import { readFile } from 'node:fs/promises';
import { UsageError } from '../cli/errors.js';
import { compareText } from './model.js';
import type { Finding } from './result.js';

/** A baseline entry leaves out the line, so editing above a known finding does not make it new. */
export interface BaselineEntry {
  rule: string;
  service?: string;
  file?: string;
  message: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

function key(f: BaselineEntry): string {
  return [f.rule, f.service ?? '', f.file ?? '', f.message].join('\u0000');
}

export function toBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings.map((f) => ({ rule: f.rule, ...(f.service !== undefined ? { service: f.service } : {}), ...(f.file !== undefined ? { file: f.file } : {}), message: f.message }));
  return { version: 1, findings: entries.sort((a, b) => compareText(key(a), key(b))) };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export async function readBaseline(file: string, shownAs: string): Promise<Baseline> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`cannot read baseline ${shownAs}; create it with --update-baseline`);
  });
  try {
    const json = JSON.parse(text) as Partial<Baseline>;
    if (json.version !== 1 || !Array.isArray(json.findings)) throw new Error('expected {"version":1,"findings":[...]}');
    return json as Baseline;
  } catch (error) {
    throw new UsageError(`baseline ${shownAs}: ${(error as Error).message}`);
  }
}

/**
 * Marks findings already in the baseline (each entry matches once) as
 * baselined: still reported, softened, never failing the run.
 */
export function softenKnown(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(key(entry), (remaining.get(key(entry)) ?? 0) + 1);
  return findings.map((f) => {
    const k = key(f);
    const left = remaining.get(k) ?? 0;
    if (left === 0) return f;
    remaining.set(k, left - 1);
    return { ...f, baselined: true };
  });
}
