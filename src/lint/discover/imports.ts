import { createRequire } from 'node:module';
import { joinPosix } from '../readers/compose.js';
import { goImports, javaImports, javaPackage, pythonImports, type RawImport } from '../readers/source-imports.js';
import { tsImports, type PreProcess } from '../readers/ts-imports.js';
import type { ImportEdge, Language } from '../model.js';
import { dirOf, type RepoFiles } from './files.js';
import { languageOfFile } from './services.js';

const TS_RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

/**
 * The import graph of every source file, language by language. Relative TS/JS
 * imports are resolved to repository paths like Node and TypeScript would
 * (`./x.js` may name `x.ts`); bare specifiers stay as written and are matched
 * against package owners by the rules.
 */
export async function readImports(codeFiles: readonly string[], files: RepoFiles): Promise<{ imports: ImportEdge[]; javaPackages: Map<string, string[]> }> {
  const imports: ImportEdge[] = [];
  const javaPackages = new Map<string, string[]>();
  const needsTs = codeFiles.some((f) => isTsLike(languageOfFile(f)));
  const preProcess = needsTs ? loadTypeScript().preProcessFile : undefined;
  for (const file of codeFiles) {
    const language = languageOfFile(file);
    if (!language) continue;
    const text = await files.read(file, { keep: false });
    if (text === undefined) continue;
    let raw: RawImport[];
    if (isTsLike(language) && preProcess) raw = tsImports(preProcess, text);
    else if (language === 'go') raw = goImports(text);
    else if (language === 'java' || language === 'kotlin') {
      raw = javaImports(text);
      const pkg = javaPackage(text);
      if (pkg) javaPackages.set(pkg, [...(javaPackages.get(pkg) ?? []), file]);
    } else if (language === 'python') raw = pythonImports(text);
    else raw = [];
    for (const r of raw) {
      const target = isTsLike(language) && r.specifier.startsWith('.') ? resolveRelative(file, r.specifier, files) : undefined;
      if (target === null) continue; // climbs out of the repository: nothing of ours
      imports.push({ from: file, line: r.line, specifier: r.specifier, ...(target ? { target } : {}), language });
    }
  }
  return { imports, javaPackages };
}

function isTsLike(language: Language | undefined): boolean {
  return language === 'typescript' || language === 'javascript';
}

function resolveRelative(from: string, specifier: string, files: RepoFiles): string | null {
  const base = dirOf(from);
  const climbs = specifier.split('/').filter((p) => p === '..').length;
  if (climbs > (base === '' ? 0 : base.split('/').length)) return null;
  const joined = joinPosix(base, specifier);
  const stem = joined.replace(/\.(m|c)?js$/, '');
  for (const suffix of TS_RESOLVE_SUFFIXES) {
    if (files.has(joined + suffix)) return joined + suffix;
    if (files.has(stem + suffix)) return stem + suffix;
  }
  return joined;
}

/**
 * TypeScript as ts-morph bundles it (our own `typescript` devDependency is the
 * native compiler, with no JS API), loaded only when there is TS/JS to read:
 * it is the heaviest thing arch-lint loads. `require`d from ts-morph's own
 * folder, so @ts-morph/common is found wherever npm placed it: an ESM
 * `import('ts-morph')` first scans ts-morph's CommonJS for its export names
 * and loads all of ts-morph (measured: 0.30 s against 0.20 s).
 */
function loadTypeScript(): { preProcessFile: PreProcess } {
  const require = createRequire(import.meta.url);
  const fromTsMorph = createRequire(require.resolve('ts-morph'));
  return (fromTsMorph('@ts-morph/common') as { ts: { preProcessFile: PreProcess } }).ts;
}
