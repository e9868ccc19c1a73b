import type { ImportEdge, RepoModel, Service } from './model.js';

const serviceDirs = new WeakMap<RepoModel, Map<string, Service>>();

/**
 * The service whose folder holds `file` (the innermost one), if any. Looks up
 * the file's own path and then each enclosing folder in a map of service
 * folders: service-boundaries asks this twice per import edge, and a scan
 * of every service per question cost a third of a 10,000-file run.
 */
export function serviceOfFile(model: RepoModel, file: string): Service | undefined {
  let byDir = serviceDirs.get(model);
  if (!byDir) {
    byDir = new Map();
    // The first service declared for a folder keeps it.
    for (const s of model.services) if (s.dir !== undefined && !byDir.has(s.dir)) byDir.set(s.dir, s);
    serviceDirs.set(model, byDir);
  }
  for (let dir = file; ; ) {
    const found = byDir.get(dir);
    if (found) return found;
    if (dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash < 0 ? '' : dir.slice(0, slash);
  }
}

/** The service that owns what a non-relative import names: a Go module, a Java package, a Python package, an npm package. */
export function ownerOfSpecifier(model: RepoModel, edge: ImportEdge): string | undefined {
  const owners = model.packageOwners;
  const spec = edge.specifier;
  switch (edge.language) {
    case 'go': {
      let best: string | undefined;
      for (const key of Object.keys(owners)) {
        if (!key.startsWith('go:')) continue;
        const mod = key.slice(3);
        if ((spec === mod || spec.startsWith(`${mod}/`)) && (!best || mod.length > best.length - 3)) best = key;
      }
      return best ? owners[best] : undefined;
    }
    case 'java':
    case 'kotlin':
      return owners[`java:${spec}`] ?? owners[`java:${spec.slice(0, spec.lastIndexOf('.'))}`];
    case 'python':
      return owners[`py:${spec.split('.')[0]}`];
    case 'typescript':
    case 'javascript': {
      if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
      const parts = spec.split('/');
      const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return owners[`npm:${name}`];
    }
    default:
      return undefined;
  }
}

export function appServices(model: RepoModel): Service[] {
  return model.services.filter((s) => !s.gateway);
}

/**
 * Where a repository-level finding points: arch.json if the repository has
 * one, else the first compose file, else the first service's manifest.
 * Always a file: GitHub code scanning rejects a whole SARIF upload if one
 * result has no location.
 */
export function repositoryAnchor(model: RepoModel): { file?: string; line?: number } {
  if (model.intent.source === 'arch.json') return { file: 'arch.json', line: 1 };
  const compose = model.services.find((s) => s.compose)?.compose;
  if (compose) return { file: compose.file, line: 1 };
  const declared = model.services.find((s) => s.declaredAt.file !== '')?.declaredAt;
  return declared ? { file: declared.file, line: 1 } : {};
}
