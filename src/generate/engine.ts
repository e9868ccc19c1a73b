/**
 * The Handlebars environments. Templates are precompiled at build time
 * (precompile.ts), so a generation loads only the small Handlebars runtime;
 * the full compiler is loaded only for a template edited since the build.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { distRoot } from './paths.js';

const require = createRequire(import.meta.url);

type Env = typeof Handlebars;
export type CompiledTemplate = (context: unknown) => string;
export interface PrecompiledEntry {
  hash: string;
  spec: TemplateSpecification;
}

/** Compile options are part of the template: strict makes a misspelt variable an error, noEscape keeps code as written. */
export const compileOptions = { noEscape: true, strict: true } as const;

function withHelpers(env: Env): Env {
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  env.registerHelper('json', (value: unknown) => JSON.stringify(value, null, 2));
  env.registerHelper('join', (list: unknown[], separator: unknown) => list.join(typeof separator === 'string' ? separator : ', '));
  return env;
}

export function sourceHash(source: string): string {
  return createHash('sha1').update(source).digest('hex');
}

function loadPrecompiled(): Record<string, PrecompiledEntry> {
  try {
    return require(join(distRoot, 'templates.compiled.cjs')) as Record<string, PrecompiledEntry>;
  } catch {
    return {}; // running from the sources, before a build
  }
}

export function createEngine() {
  let runtime: Env | undefined;
  let compiler: Env | undefined;
  let precompiled: Record<string, PrecompiledEntry> | undefined;
  return {
    /** `key` is the template's path under templates/; `source` its current text. */
    template(key: string, source: string): CompiledTemplate {
      precompiled ??= loadPrecompiled();
      const entry = precompiled[key];
      if (entry && entry.hash === sourceHash(source)) {
        runtime ??= withHelpers((require('handlebars/runtime') as Env).create());
        return runtime.template(entry.spec);
      }
      compiler ??= withHelpers((require('handlebars') as Env).create());
      return compiler.compile(source, compileOptions);
    },
  };
}
