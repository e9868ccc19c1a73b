/**
 * Names that end up in paths, package names, identifiers and SQL. They are
 * validated to one safe alphabet so that nothing a user types can break out
 * of a string, a template or a path in the generated code.
 */

export const namePattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const maxNameLength = 40;

/** JavaScript / TypeScript reserved words and type names the generated code relies on. */
const keywords = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements',
  'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected',
  'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
  'void', 'while', 'with', 'yield', 'arguments', 'eval', 'undefined', 'object', 'string', 'number',
]);

/**
 * Names a service or module cannot take: keywords, and the folders, routes and
 * tables the generated projects own. (SQL keywords are fine: the generated SQL
 * quotes its identifiers.)
 */
export const reservedNames = new Set([
  ...keywords,
  'app', 'gateway', 'platform', 'health', 'metrics', 'config', 'db', 'database', 'migrations',
  'modules', 'services', 'packages', 'shared', 'src', 'test', 'tests', 'dist', 'docs', 'node-modules',
  'schema-migrations',
  // type names the generated modules already import (Database, Queryable)
  'databases', 'queryables',
]);

export interface NameForms {
  kebab: string;
  camel: string;
  pascal: string;
  snake: string;
  singularCamel: string;
  singularPascal: string;
  /** For event names: "users" → "user" in "user.created". */
  singularKebab: string;
  title: string;
}

/** Returns why a name is unusable, or undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.includes('/') || name.includes('\\') || name.includes('..')) return 'must not contain path separators or ".."';
  if (name.length > maxNameLength) return `is longer than ${maxNameLength} characters`;
  if (!namePattern.test(name)) return 'must be lowercase letters, digits and single dashes, starting with a letter';
  if (reservedNames.has(name)) return 'is a reserved word';
  return undefined;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** English plural to singular for the usual resource names; good enough for type names. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sh|ch|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

export function nameForms(kebab: string): NameForms {
  const words = kebab.split('-');
  const singularWords = [...words.slice(0, -1), singular(words[words.length - 1]!)];
  const camel = (ws: string[]) => ws[0] + ws.slice(1).map(capitalize).join('');
  const pascal = (ws: string[]) => ws.map(capitalize).join('');
  let singularCamel = camel(singularWords);
  // "news" → "new" would be a keyword; "series" → "sery" is merely odd. Keep identifiers distinct and legal.
  if (singularCamel === camel(words) || keywords.has(singularCamel)) singularCamel = camel(words) + 'Item';
  return {
    kebab,
    camel: camel(words),
    pascal: pascal(words),
    snake: words.join('_'),
    singularCamel,
    singularPascal: capitalize(singularCamel),
    singularKebab: singularWords.join('-'),
    title: capitalize(words.join(' ')),
  };
}

/** A project name derived from a directory name: npm-safe kebab case, or undefined if nothing usable is left. */
export function projectNameFrom(directoryName: string): string | undefined {
  const slug = directoryName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? undefined : slug;
}
