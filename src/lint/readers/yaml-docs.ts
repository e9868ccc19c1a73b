import { LineCounter, parseAllDocuments, isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../model.js';

export interface YamlDoc {
  value: unknown;
  /** Line of the key `path` inside this document, when the path exists. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

/**
 * All documents of a YAML file as plain values with a way back to lines.
 * A document with errors becomes one diagnostic and is skipped; the others are kept.
 */
export function readYaml(file: string, text: string, report: (d: Diagnostic) => void): YamlDoc[] {
  const lineCounter = new LineCounter();
  const docs: YamlDoc[] = [];
  let all;
  try {
    // merge: compose files share settings through YAML merge keys (`<<: *anchor`), as docker compose reads them.
    all = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: true });
  } catch (error) {
    report({ code: 'parse-error', file, message: `invalid YAML: ${(error as Error).message}` });
    return docs;
  }
  for (const doc of Array.isArray(all) ? all : [all]) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0].line;
      report({ code: 'parse-error', file, ...(line ? { line } : {}), message: `invalid YAML: ${(error.message.split('\n')[0] ?? '').replace(/:\s*$/, '')}` });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      report({ code: 'parse-error', file, message: `invalid YAML: ${(e as Error).message}` });
      continue;
    }
    docs.push({
      value,
      lineOf(path) {
        let node: unknown = doc.contents;
        let keyOffset: number | undefined;
        for (const key of path) {
          if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) return undefined;
          const items = (node as YAMLMap).items as unknown[];
          if (typeof key === 'number') {
            node = items[key];
            keyOffset = (node as Node | undefined)?.range?.[0];
            continue;
          }
          const pair = (items as Array<{ key: unknown; value: unknown }>).find((p) => isScalar(p.key) && String(p.key.value) === key);
          if (!pair) return undefined;
          keyOffset = (pair.key as Node).range?.[0];
          node = pair.value;
        }
        return keyOffset === undefined ? undefined : lineCounter.linePos(keyOffset).line;
      },
    });
  }
  return docs;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
