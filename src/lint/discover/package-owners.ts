import { compareText, type Service } from '../model.js';
import { baseName, dirOf } from './files.js';
import { ownerOf } from './ownership.js';
import type { ServiceSeed } from './services.js';

/**
 * Which service owns a Go module, an npm package, a Java package or a Python
 * top-level package, so imports written as names (not paths) can be traced
 * to the service they reach into. A Java package declared by two services
 * belongs to neither.
 */
export function packageOwnersOf(services: readonly Service[], seeds: readonly ServiceSeed[], javaPackages: Map<string, string[]>, codeFiles: readonly string[], owners: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const serviceByDir = new Map(services.flatMap((s) => (s.dir === undefined ? [] : [[s.dir, s.name] as const])));
  for (const seed of seeds) {
    const m = seed.manifest;
    if (m?.modulePath) out[`go:${m.modulePath}`] = seed.name;
    if (m?.name && (m.language === 'typescript' || m.language === 'javascript')) out[`npm:${m.name}`] = seed.name;
  }
  for (const [pkg, inFiles] of [...javaPackages].sort(([a], [b]) => compareText(a, b))) {
    const names = new Set(inFiles.map((f) => serviceByDir.get(ownerOf(f, owners) ?? '\0')));
    const only = [...names][0];
    if (names.size === 1 && only) out[`java:${pkg}`] = only;
  }
  for (const file of codeFiles) {
    if (!file.endsWith('/__init__.py')) continue;
    const pkgDir = dirOf(file);
    const parent = dirOf(pkgDir);
    const owner = ownerOf(file, owners);
    const service = owner === undefined ? undefined : serviceByDir.get(owner);
    if (service && owner !== undefined && (parent === owner || parent === (owner ? `${owner}/src` : 'src'))) out[`py:${baseName(pkgDir)}`] = service;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareText(a, b)));
}

