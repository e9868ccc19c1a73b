/**
 * Renders template folders into the in-memory file tree. A template folder is
 * copied path for path: `.hbs` files go through Handlebars, everything else
 * is copied byte for byte, `__module__` in a path becomes the module's name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { createEngine, type CompiledTemplate } from './engine.js';
import type { FileTree } from './tree.js';
import { templatesRoot } from './paths.js';

export interface ComponentInstance {
  /** A folder under templates/, e.g. "monolith/module". */
  template: string;
  context: Record<string, unknown> & { module?: { kebab: string } };
}

/** npm drops dotfiles such as .gitignore from a published package, so templates name them without the dot. */
const dotfiles: Record<string, string> = { gitignore: '.gitignore', dockerignore: '.dockerignore', npmrc: '.npmrc' };

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export function targetPath(templatePath: string, moduleName: string | undefined): string {
  let path = templatePath;
  if (path.includes('__module__')) {
    if (!moduleName) throw new TemplateError(`${templatePath}: __module__ in a path outside a module template`);
    path = path.replaceAll('__module__', moduleName);
  }
  if (path.endsWith('.hbs')) path = path.slice(0, -'.hbs'.length);
  const base = posix.basename(path);
  const dotted = dotfiles[base];
  if (dotted) path = posix.join(posix.dirname(path), dotted);
  return posix.normalize(path);
}

export function render(components: ComponentInstance[], root = templatesRoot): FileTree {
  const engine = createEngine();
  const compiled = new Map<string, CompiledTemplate>();
  const tree: FileTree = new Map();
  for (const component of components) {
    const dir = join(root, component.template);
    for (const file of listFiles(dir)) {
      const out = targetPath(file, component.context.module?.kebab);
      if (out.startsWith('..') || posix.isAbsolute(out)) throw new TemplateError(`${component.template}/${file}: escapes the project`);
      if (tree.has(out)) throw new TemplateError(`${out} is produced by two templates`);
      const source = join(dir, file);
      if (!file.endsWith('.hbs')) {
        tree.set(out, readFileSync(source));
        continue;
      }
      let template = compiled.get(source);
      if (!template) {
        template = engine.template(`${component.template}/${file}`, readFileSync(source, 'utf8'));
        compiled.set(source, template);
      }
      try {
        tree.set(out, template(component.context));
      } catch (error) {
        throw new TemplateError(`${component.template}/${file}: ${(error as Error).message}`);
      }
    }
  }
  return tree;
}
