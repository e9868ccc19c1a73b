import type { ManifestReader } from './manifest.js';

export const goModReader: ManifestReader = {
  id: 'go-mod',
  matches: (name) => name === 'go.mod',
  read(_file, text) {
    const modulePath = /^module\s+(\S+)/m.exec(text)?.[1];
    const deps = new Set<string>();
    for (const block of text.matchAll(/^require\s*\(([\s\S]*?)^\)/gm)) {
      for (const line of (block[1] ?? '').split('\n')) {
        const dep = /^\s*([^\s/]+\/\S+)\s+v/.exec(line)?.[1];
        if (dep) deps.add(dep);
      }
    }
    for (const single of text.matchAll(/^require\s+([^\s(]+)\s+v/gm)) if (single[1]) deps.add(single[1]);
    return {
      ...(modulePath ? { name: modulePath.slice(modulePath.lastIndexOf('/') + 1), modulePath } : {}),
      language: 'go',
      dependencies: [...deps].sort(),
      aggregator: false,
    };
  },
};
