import type { ManifestReader } from './manifest.js';

export const packageJsonReader: ManifestReader = {
  id: 'package-json',
  matches: (name) => name === 'package.json',
  read(file, text, report) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      report({ code: 'parse-error', file, message: `invalid JSON: ${(error as Error).message}` });
      return undefined;
    }
    if (!isRecord(json)) return undefined;
    const deps = [json.dependencies, json.optionalDependencies].flatMap((d) => (isRecord(d) ? Object.keys(d) : []));
    const hasTs = isRecord(json.devDependencies) && 'typescript' in json.devDependencies;
    return {
      ...(typeof json.name === 'string' ? { name: json.name } : {}),
      language: hasTs || (isRecord(json.dependencies) && 'typescript' in json.dependencies) ? 'typescript' : 'javascript',
      dependencies: [...new Set(deps)].sort(),
      aggregator: json.workspaces !== undefined,
    };
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
