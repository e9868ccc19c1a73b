/**
 * Moves the files of a monolith's module into a service of its own (`arch-init split`): each
 * file gets its place in the service, and each relative import is rewritten as a syntax-tree
 * edit (ts-morph) so that it still reaches the same code: files that move along by their new
 * relative path, the monolith's chassis through the platform package. Whatever else a module
 * reaches stays in the monolith, so the move is refused with the list of those imports.
 */
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type * as TsMorph from 'ts-morph';
import type { ImportDeclaration, SourceFile, StringLiteral } from 'ts-morph';

// ts-morph carries the TypeScript compiler: loaded when a module moves, not by every generation
// (which renders split projects through here too, but most projects have nothing to move).
const tsMorph = (): typeof TsMorph => createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

/** The monolith's chassis files a module may import, and where the service finds the same code. */
const chassis = (project: string, module: string): Record<string, string> => ({
  'src/db/database.ts': `@${project}/platform/db/database`,
  'src/errors.ts': `@${project}/platform/errors`,
  'src/http/validation.ts': `@${project}/platform/http/validation`,
  // The tests' helper: the service has one with the same interface (test/support/backends.ts).
  'test/support/backends.ts': `services/${module}/test/support/backends.ts`,
});

export interface ModuleMove {
  /** The moved files by their path in the project, e.g. services/products/src/routes.ts. */
  files: Map<string, string>;
  /** One line per import that cannot follow the module: "file:line imports 'x', which …". */
  problems: string[];
}

const moduleDir = (module: string) => `src/modules/${module}/`;

/** Where a file of the module goes: SQL beside the service's src/, tests under test/, code under src/. */
export function movedPath(path: string, module: string): string {
  const inModule = path.slice(moduleDir(module).length);
  if (inModule.startsWith('migrations/')) return `services/${module}/${inModule}`;
  if (/\.test\.[cm]?[jt]s$/.test(inModule)) return `services/${module}/test/${inModule}`;
  return `services/${module}/src/${inModule}`;
}

const isScript = (path: string) => /\.[cm]?[jt]s$/.test(path) && !path.endsWith('.d.ts');

/** "./x.js" from "src/a/b.ts" → "src/a/x.ts": the source file a relative import names. */
function targetOf(from: string, specifier: string): string {
  const joined = posix.join(posix.dirname(from), specifier);
  return joined.replace(/\.([cm]?)js$/, '.$1ts');
}

/** The relative specifier from one project file to another, in the `.js` form Node's ESM needs. */
function relativeSpecifier(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to).replace(/\.([cm]?)ts$/, '.$1js');
  return path.startsWith('.') ? path : `./${path}`;
}

function moduleSpecifiers(file: SourceFile): StringLiteral[] {
  const { Node } = tsMorph();
  const literals: StringLiteral[] = [];
  for (const declaration of [...file.getImportDeclarations(), ...file.getExportDeclarations()]) {
    const literal = declaration.getModuleSpecifier();
    if (literal && Node.isStringLiteral(literal)) literals.push(literal);
  }
  return literals;
}

const isPackage = (specifier: string) => !specifier.startsWith('.') && !specifier.startsWith('node:');

/**
 * An import that now names the platform package moves from the relative imports to the package
 * imports, in alphabetical order, as the services' own code has it.
 */
function joinPackageImports(file: SourceFile, declaration: ImportDeclaration): void {
  const specifier = declaration.getModuleSpecifierValue();
  const packages = file.getImportDeclarations().filter((other) => other !== declaration && isPackage(other.getModuleSpecifierValue()));
  if (packages.length === 0) return;
  const text = declaration.getText();
  declaration.remove();
  // Replacing the neighbour's own text (not its leading comments) keeps the file's header in place.
  const before = packages.find((other) => other.getModuleSpecifierValue() > specifier);
  if (before) before.replaceWithText(`${text}\n${before.getText()}`);
  else packages.at(-1)!.replaceWithText(`${packages.at(-1)!.getText()}\n${text}`);
}

/** A blank line between the package imports and the relative ones, which a moved import may have taken along. */
function separateImportGroups(file: SourceFile): void {
  const imports = file.getImportDeclarations();
  for (const [i, current] of imports.entries()) {
    const previous = imports[i - 1];
    if (previous === undefined || !isPackage(previous.getModuleSpecifierValue()) || isPackage(current.getModuleSpecifierValue())) continue;
    if (!/\n\s*\n/.test(file.getFullText().slice(previous.getEnd(), current.getStart()))) current.prependWhitespace('\n');
  }
}

/**
 * `files`: every file of src/modules/<module>/ as the project has it now (path → content).
 * Returns them at their places in services/<module>/, with their imports rewritten.
 */
export function moveModule(files: ReadonlyMap<string, string>, module: string, project: string): ModuleMove {
  const moved = new Map<string, string>();
  const problems: string[] = [];
  const known = chassis(project, module);
  const newPathOf = (path: string): string | undefined => {
    if (files.has(path)) return movedPath(path, module);
    return known[path];
  };
  const { Node, Project } = tsMorph();
  const morph = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });

  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const to = movedPath(path, module);
    if (!isScript(path)) {
      moved.set(to, content);
      continue;
    }
    const file = morph.createSourceFile(path, content, { overwrite: true });
    const nowPackages: ImportDeclaration[] = [];
    for (const literal of moduleSpecifiers(file)) {
      const specifier = literal.getLiteralValue();
      if (!specifier.startsWith('.')) continue;
      const target = targetOf(path, specifier);
      const destination = newPathOf(target);
      if (destination === undefined) {
        const other = /^src\/modules\/([^/]+)\//.exec(target)?.[1];
        const why = other === undefined ? 'which stays in the monolith' : `the public interface of module ${other}, which stays in the monolith`;
        problems.push(`${path}:${literal.getStartLineNumber()} imports '${specifier}', ${why}`);
        continue;
      }
      literal.setLiteralValue(destination.startsWith('@') ? destination : relativeSpecifier(to, destination));
      const declaration = literal.getParent();
      if (destination.startsWith('@') && Node.isImportDeclaration(declaration)) nowPackages.push(declaration);
    }
    for (const declaration of nowPackages) joinPackageImports(file, declaration);
    if (nowPackages.length > 0) separateImportGroups(file);
    moved.set(to, file.getFullText());
  }
  return { files: moved, problems };
}
