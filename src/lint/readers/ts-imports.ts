import type { RawImport } from './source-imports.js';

export type PreProcess = (text: string, readImportFiles: boolean, detectJavaScriptImports: boolean) => { importedFiles: Array<{ fileName: string; pos: number }> };

/**
 * TS/JS imports (static, re-exports, dynamic `import()`, `require()`) from
 * TypeScript's pre-processing scanner: no type checking, no program. Chosen
 * by measurement (bench/lint/parsers.mjs, figures in the README): on 3,000
 * files TypeScript's full parse took 6x as long, oxc-parser 2x from its module
 * record (which has no require()) and 4x with the AST that require() needs.
 */
export function tsImports(preProcessFile: PreProcess, text: string): RawImport[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return preProcessFile(text, true, true).importedFiles.map((f) => ({ specifier: f.fileName, line: lineOf(lineStarts, f.pos) }));
}

function lineOf(lineStarts: number[], pos: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
