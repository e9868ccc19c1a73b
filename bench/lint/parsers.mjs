#!/usr/bin/env node
// Why arch-lint reads TS/JS imports with ts.preProcessFile: the candidates,
// timed on the same 3,000 files of the synthetic monorepo, each in a fresh
// process so loading the parser is counted apart from parsing. Every
// candidate must find the same import specifiers, or its time means nothing.
//   preProcessFile  TypeScript's import scanner (as ts-morph bundles it): no AST
//   createSourceFile  TypeScript's full parse, what ts-morph builds on, then a walk for imports
//   oxc-parser  a native full parse; imports from its module record (static, re-exports, import()), which has no require()
//   oxc-parser+AST  the same, plus a walk of its AST for require(): what arch-lint would need of it
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
export const PARSERS = ['preProcessFile', 'createSourceFile', 'oxc-parser', 'oxc-parser+AST'];

function loadParser(name) {
  if (name.startsWith('oxc-parser')) {
    const oxc = createRequire(join(here, 'package.json'))('oxc-parser');
    const withAst = name.endsWith('+AST');
    return (file, text) => {
      const parsed = oxc.parseSync(file, text);
      const { module } = parsed;
      const at = (r) => text.slice(r.start + 1, r.end - 1);
      const found = [
        ...module.staticImports.map((i) => i.moduleRequest.value),
        ...module.staticExports.flatMap((e) => e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : []))),
        ...module.dynamicImports.map((d) => at(d.moduleRequest)),
      ];
      if (withAst) {
        const visit = (node) => {
          if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') found.push(node.arguments[0].value);
          for (const key in node) {
            const value = node[key];
            if (Array.isArray(value)) for (const v of value) v && typeof v === 'object' && visit(v);
            else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value);
          }
        };
        visit(parsed.program);
      }
      return found;
    };
  }
  // The TypeScript arch-lint uses: ts-morph's, loaded the way src/lint/discover/imports.ts does.
  const ts = createRequire(createRequire(join(root, 'package.json')).resolve('ts-morph'))('@ts-morph/common').ts;
  if (name === 'preProcessFile') return (_file, text) => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  return (file, text) => {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const found = [];
    const visit = (node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
      else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  };
}

/** In the child: load the parser, parse every listed file, report both times and a digest of what was found. */
function child(name, listFile) {
  const files = JSON.parse(readFileSync(listFile, 'utf8'));
  const texts = files.map((f) => [f, readFileSync(f, 'utf8')]);
  let started = performance.now();
  const parse = loadParser(name);
  const loadMs = performance.now() - started;
  started = performance.now();
  let specifiers = 0;
  const seen = new Set();
  for (const [file, text] of texts) {
    for (const s of parse(file, text)) {
      specifiers++;
      seen.add(s);
    }
  }
  const parseMs = performance.now() - started;
  process.stdout.write(JSON.stringify({ loadMs, parseMs, specifiers, distinct: seen.size }));
}

export function measureParser(name, listFile) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name, listFile], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]);
}
