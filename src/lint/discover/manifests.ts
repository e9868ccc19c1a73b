import { MANIFEST_READERS } from '../readers/index.js';
import type { Manifest } from '../readers/manifest.js';
import { baseName, dirOf, type RepoFiles } from './files.js';

/** One manifest per folder: the first format that reads wins the language, dependencies are merged. */
export async function readManifests(files: RepoFiles): Promise<Map<string, Manifest>> {
  const byDir = new Map<string, Manifest>();
  for (const reader of MANIFEST_READERS) {
    for (const f of files.list) {
      if (!reader.matches(baseName(f.path))) continue;
      const text = await files.read(f.path);
      if (text === undefined) continue;
      const read = reader.read(f.path, text, (d) => files.diagnostics.push(d));
      if (!read) continue;
      const dir = dirOf(f.path);
      const existing = byDir.get(dir);
      if (existing) {
        existing.dependencies = [...new Set([...existing.dependencies, ...read.dependencies])].sort();
        existing.aggregator ||= read.aggregator;
        existing.name ??= read.name;
        existing.library ??= read.library;
      } else {
        byDir.set(dir, { file: f.path, dir, ...read });
      }
    }
  }
  return byDir;
}
