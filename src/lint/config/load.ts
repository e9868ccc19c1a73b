import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../../cli/errors.js';
import { RULE_IDS } from '../rules/index.js';
import { lintConfigSchema, type LintConfig } from './schema.js';

const CANDIDATES = ['arch-lint.config.json', 'arch-lint.config.yaml', 'arch-lint.config.yml'];

/**
 * The config from `--config`, else the first of arch-lint.config.json/.yaml/.yml
 * or package.json#archLint in the linted folder, else none. Any problem is a
 * UsageError naming the file and the key path.
 */
export async function loadConfig(root: string, explicit?: { file: string; shownAs: string }): Promise<{ config: LintConfig; file?: string }> {
  if (explicit) {
    const text = await readFile(explicit.file, 'utf8').catch(() => {
      throw new UsageError(`cannot read config file ${explicit.shownAs}`);
    });
    return { config: validate(parseText(explicit.file, text, explicit.shownAs), explicit.shownAs), file: explicit.file };
  }
  for (const name of CANDIDATES) {
    const text = await readFile(path.join(root, name), 'utf8').catch(() => undefined);
    if (text !== undefined) return { config: validate(parseText(name, text), name), file: name };
  }
  const pkg = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => undefined);
  if (pkg !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(pkg);
    } catch {
      json = undefined; // a broken package.json is a discovery diagnostic, not a config error
    }
    const section = (json as { archLint?: unknown } | undefined)?.archLint;
    if (section !== undefined) return { config: validate(section, 'package.json#archLint'), file: 'package.json' };
  }
  return { config: {} };
}

function parseText(name: string, text: string, shownAs = name): unknown {
  try {
    return name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`${shownAs}: not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function validate(value: unknown, source: string): LintConfig {
  const parsed = lintConfigSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new UsageError(`${source}: ${parsed.error.issues.map(describeIssue).join('; ')}`);
}

/** One issue as `key.path: what is wrong (allowed: a, b)`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  switch (issue.code) {
    case 'invalid_value':
      return `${where}: must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `${where}: unknown key ${issue.keys.join(', ')} (allowed: ${allowedKeysAt(issue.path).join(', ')})`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** The keys the schema accepts where an unknown one was found. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  const last = path[path.length - 1];
  if (last === 'rules') return [...RULE_IDS];
  if (path[0] === 'suppressions') return Object.keys(lintConfigSchema.shape.suppressions.unwrap().element.shape);
  return Object.keys(lintConfigSchema.shape);
}
