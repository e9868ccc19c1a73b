import type { ComposeService } from '../readers/compose.js';
import type { K8sWorkload } from '../readers/kubernetes.js';
import type { Manifest } from '../readers/manifest.js';
import { compareText, type Language } from '../model.js';
import { LIBRARY_PARENTS, imageName } from './catalog.js';
import { baseName } from './files.js';

export interface ServiceSeed {
  name: string;
  dir?: string;
  manifest?: Manifest;
  compose?: ComposeService;
  workload?: K8sWorkload;
}

const EXTENSION_LANGUAGE: Record<string, Language> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  go: 'go', java: 'java', kt: 'kotlin', py: 'python', cs: 'csharp',
};

export function languageOfFile(file: string): Language | undefined {
  return EXTENSION_LANGUAGE[file.slice(file.lastIndexOf('.') + 1)];
}

export function isInside(file: string, dir: string): boolean {
  return dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/**
 * Which folders are services. A root manifest that groups nothing is one
 * service (a monolith); otherwise every manifest folder is a service unless it
 * sits under a library folder (packages/, libs/, shared/…) or groups others.
 * Compose build contexts are services whatever their folder is called.
 */
export function decideServices(
  manifests: Map<string, Manifest>,
  appCompose: ComposeService[],
  workloads: K8sWorkload[],
  codeFiles: readonly string[],
): { seeds: ServiceSeed[]; libraries: string[] } {
  const contexts = new Set(appCompose.flatMap((c) => (c.build === undefined ? [] : [c.build])));
  const root = manifests.get('');
  const seeds: ServiceSeed[] = [];
  const libraries: string[] = [];
  const dirs = [...manifests.keys()].filter((d) => d !== '').sort((a, b) => depth(a) - depth(b) || compareText(a, b));
  const isLibrary = (dir: string, manifest: Manifest) =>
    !contexts.has(dir) && (manifest.library === true || dir.split('/').some((segment) => LIBRARY_PARENTS.has(segment.toLowerCase())));
  const nested = dirs.filter((d) => {
    const m = manifests.get(d);
    return m !== undefined && !m.aggregator && !isLibrary(d, m);
  });
  // A root manifest is the repository's one service (a monolith) unless it only groups others; when
  // services sit below it, it is tooling unless it has code of its own outside them (a monolith with a client/).
  const rootIsService =
    root !== undefined && !root.aggregator && (contexts.has('') || nested.length === 0 || hasOwnCode(codeFiles, dirs));
  if (rootIsService && [...contexts].every((c) => c === '')) {
    seeds.push({ name: rootName(root), dir: '', manifest: root });
  } else {
    if (rootIsService) seeds.push({ name: rootName(root), dir: '', manifest: root });
    for (const dir of dirs) {
      const manifest = manifests.get(dir);
      if (!manifest || seeds.some((s) => s.dir !== undefined && s.dir !== '' && isInside(dir, s.dir))) continue;
      if (contexts.has(dir)) seeds.push({ name: serviceName(dir, manifest), dir, manifest });
      else if (manifest.aggregator) continue;
      else if (isLibrary(dir, manifest)) libraries.push(dir);
      else seeds.push({ name: serviceName(dir, manifest), dir, manifest });
    }
  }
  for (const compose of appCompose) {
    const image = compose.image === undefined ? undefined : imageName(compose.image);
    const seed =
      (compose.build !== undefined ? seeds.find((s) => s.dir === compose.build) : undefined) ??
      seeds.find((s) => !s.compose && s.name === compose.name) ??
      // `image: acme/orders-service` run from the `orders-service/` folder that builds it.
      (compose.build === undefined && image !== undefined ? seeds.find((s) => !s.compose && s.dir !== undefined && s.dir !== '' && baseName(s.dir) === image) : undefined);
    if (seed) {
      seed.compose = compose;
      seed.name = compose.name;
    } else {
      // A folder that only groups others (a workspace root) is still what this container builds: its manifest is the service's.
      const manifest = compose.build === undefined ? undefined : manifests.get(compose.build);
      seeds.push({ name: compose.name, ...(compose.build !== undefined ? { dir: compose.build } : {}), ...(manifest ? { manifest } : {}), compose });
    }
  }
  for (const workload of workloads) {
    const images = workload.images.map(imageName);
    const seed =
      seeds.find((s) => s.name === workload.name) ??
      seeds.find((s) => images.includes(s.name) || (s.compose?.image !== undefined && images.includes(imageName(s.compose.image))));
    if (!seed) seeds.push({ name: workload.name, workload });
    else if (!seed.workload) seed.workload = workload;
    // The same workload in several overlays (kustomize bases, release bundles): one service, probes and env of all.
    else seed.workload = mergeWorkloads(seed.workload, workload);
  }
  seeds.sort((a, b) => compareText(a.name, b.name));
  return { seeds: dedupeNames(seeds), libraries: libraries.sort(compareText) };
}

/** Folder names that say nothing about the service: `cart/src/cart.csproj` is the cart service. */
const GENERIC_DIRS = new Set(['src', 'app', 'server', 'service', 'main', 'source']);

function serviceName(dir: string, manifest: Manifest): string {
  const base = baseName(dir);
  if (!GENERIC_DIRS.has(base)) return base;
  const parent = baseName(dir.slice(0, Math.max(0, dir.length - base.length - 1)));
  return manifest.name?.replace(/^@[^/]+\//, '') ?? (parent || base);
}

function hasOwnCode(codeFiles: readonly string[], serviceDirs: readonly string[]): boolean {
  return codeFiles.some((f) => !serviceDirs.some((d) => isInside(f, d)) && !f.split('/').slice(0, -1).some((segment) => LIBRARY_PARENTS.has(segment.toLowerCase())) && f.includes('/'));
}

function mergeWorkloads(a: K8sWorkload, b: K8sWorkload): K8sWorkload {
  return { ...a, probes: [...new Set([...a.probes, ...b.probes])].sort(), environment: { ...b.environment, ...a.environment } };
}

function rootName(manifest: Manifest): string {
  const name = manifest.name?.replace(/^@[^/]+\//, '');
  return name && name.length > 0 ? name : 'app';
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}

/** Two folders called `api` in different places stay two services: the second is named by its path. */
function dedupeNames(seeds: ServiceSeed[]): ServiceSeed[] {
  const seen = new Set<string>();
  for (const seed of seeds) {
    if (seen.has(seed.name) && seed.dir) seed.name = seed.dir;
    seen.add(seed.name);
  }
  return seeds.sort((a, b) => compareText(a.name, b.name));
}
