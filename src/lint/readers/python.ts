import type { ManifestReader } from './manifest.js';

/** A requirement line's distribution name: `Flask[async]>=2 ; python_version>"3"` → `flask`. */
function requirementName(line: string): string | undefined {
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line.replace(/#.*/, ''))?.[1];
  return name?.toLowerCase().replace(/_/g, '-');
}

export const requirementsReader: ManifestReader = {
  id: 'requirements-txt',
  matches: (name) => name === 'requirements.txt',
  read(_file, text) {
    const deps = text.split('\n').filter((l) => !/^\s*-/.test(l)).map(requirementName).filter((n): n is string => n !== undefined);
    return { language: 'python', dependencies: [...new Set(deps)].sort(), aggregator: false };
  },
};

/** pyproject.toml: PEP 621 `[project]` and Poetry's dependency table, read without a TOML parser. */
export const pyprojectReader: ManifestReader = {
  id: 'pyproject',
  matches: (name) => name === 'pyproject.toml',
  read(_file, text) {
    const deps = new Set<string>();
    const projectDeps = /^\s*dependencies\s*=\s*\[([\s\S]*?)\]\s*$/m.exec(text)?.[1] ?? '';
    for (const m of projectDeps.matchAll(/["']([^"']+)["']/g)) {
      const name = requirementName(m[1] ?? '');
      if (name) deps.add(name);
    }
    const poetry = /^\[tool\.poetry\.dependencies\]([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
    for (const m of poetry.matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=/gm)) if (m[1] && m[1] !== 'python') deps.add(m[1].toLowerCase());
    const name = /^\[(?:project|tool\.poetry)\][\s\S]*?^\s*name\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
    return { ...(name ? { name } : {}), language: 'python', dependencies: [...deps].sort(), aggregator: false };
  },
};
