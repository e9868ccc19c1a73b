import { readArchJson } from '../readers/arch-json.js';
import { isEnvFile, readEnvFile } from '../readers/env-file.js';
import type { Manifest } from '../readers/manifest.js';
import {
  byFileLine, compareText, type DatastoreKind, type DatastoreUse, type Evidence, type Language, type Pattern, type RepoModel, type Service,
} from '../model.js';
import { matchesLib, PLATFORM_LIBS } from './catalog.js';
import { baseName, RepoFiles } from './files.js';
import { readImports } from './imports.js';
import { readInfrastructure } from './infrastructure.js';
import { decideIntent } from './intent.js';
import { readManifests } from './manifests.js';
import { emptyOwned, groupFiles, ownership } from './ownership.js';
import { packageOwnersOf } from './package-owners.js';
import { decideServices, languageOfFile, type ServiceSeed } from './services.js';
import { emptySignals, envSignals, fileSignals, manifestSignals, mergeSignals, type EnvVar, type Signals, type Surroundings } from './signals.js';
import { walk } from './walk.js';

export interface DiscoverOptions {
  ignore?: string[];
  architecture?: Pattern;
}

const GATEWAY_NAME = /(^|[-_])(api-?)?gateway$/;

/** Reads the repository under `root` into a RepoModel. Reads files only; runs nothing. */
export async function discover(root: string, options: DiscoverOptions = {}): Promise<RepoModel> {
  const walked = await walk(root, options.ignore ? { ignore: options.ignore } : {});
  const files = new RepoFiles(root, walked.files);
  const report = (d: RepoModel['diagnostics'][number]) => files.diagnostics.push(d);
  const manifests = await readManifests(files);

  const { appCompose, appWorkloads, datastores, brokers, gateways, meshBreakers } = await readInfrastructure(files, report);
  const codeFiles = files.list.map((f) => f.path).filter((p) => languageOfFile(p) !== undefined);
  const { seeds, libraries } = decideServices(manifests, appCompose, appWorkloads, codeFiles);
  const owners = ownership(seeds, libraries);
  const owned = groupFiles(files, owners);
  const around: Surroundings = {
    services: new Set(seeds.map((s) => s.name.toLowerCase())),
    datastoreHosts: new Map(datastores.map((d) => [d.host, d.kind] as const)),
    brokerHosts: new Map(brokers.map((b) => [b.host, b.kind] as const)),
  };
  const libraryManifests = new Map<string, Manifest>();
  for (const dir of libraries) {
    const m = manifests.get(dir);
    if (m?.name) libraryManifests.set(m.name, m);
    if (m?.modulePath) libraryManifests.set(m.modulePath, m);
  }

  // A shared library's tracer, breaker, broker client and health route serve every service that
  // uses it; its outbound calls or publishing do not prove this service makes any. Read once per library.
  const libraryCache = new Map<string, Signals>();
  const inherited = async (lib: Manifest): Promise<Signals> => {
    const cached = libraryCache.get(lib.dir);
    if (cached) return cached;
    const fromManifest = await manifestSignals(lib, files, `via ${lib.dir}:`);
    const fromSource = await fileSignals(owned.get(lib.dir)?.code ?? [], [], [], files, around, '');
    const signals = { ...emptySignals(), tracing: fromManifest.tracing, breakers: fromManifest.breakers, brokers: fromManifest.brokers, health: [...fromManifest.health, ...fromSource.health] };
    libraryCache.set(lib.dir, signals);
    return signals;
  };

  const envFileVars = await readEnvFiles(files);
  const services: Service[] = [];
  const uses: DatastoreUse[] = [];
  for (const seed of seeds) {
    const mine = (seed.dir === undefined ? undefined : owned.get(seed.dir)) ?? emptyOwned();
    const signals = emptySignals();
    if (seed.manifest) mergeSignals(signals, await manifestSignals(seed.manifest, files));
    for (const lib of librariesUsed(seed.manifest, libraryManifests)) mergeSignals(signals, await inherited(lib));
    mergeSignals(signals, envSignals(envOf(seed, mine.env, envFileVars), seed.name.toLowerCase(), around));
    mergeSignals(signals, await fileSignals(mine.code, mine.config, mine.docker, files, around, seed.name.toLowerCase()));
    addInfraSignals(seed, signals, around);

    const gateway = signals.gateway.length > 0 || GATEWAY_NAME.test(seed.name);
    const declaredAt = seed.manifest
      ? { file: seed.manifest.file, line: 1, detail: 'manifest' }
      : seed.compose
        ? { file: seed.compose.file, line: seed.compose.line, detail: `compose service ${seed.compose.name}` }
        : { file: seed.workload?.file ?? '', line: seed.workload?.line ?? 1, detail: `${seed.workload?.kind} ${seed.workload?.name}` };
    if (gateway) gateways.push({ name: seed.name, kind: 'code', declaredAt: signals.gateway[0] ?? { ...declaredAt, detail: `service named ${seed.name}` } });
    services.push({
      name: seed.name,
      ...(seed.dir !== undefined ? { dir: seed.dir } : {}),
      language: seed.manifest?.language ?? majorityLanguage(mine.code),
      declaredAt,
      gateway,
      dependencies: seed.manifest?.dependencies ?? [],
      ...(seed.compose ? { compose: { file: seed.compose.file, line: seed.compose.line, ...(seed.compose.image ? { image: seed.compose.image } : {}), ...(seed.compose.build !== undefined ? { build: seed.compose.build } : {}), dependsOn: seed.compose.dependsOn, environment: seed.compose.environment, healthcheck: seed.compose.healthcheck } } : {}),
      ...(seed.workload ? { workload: { file: seed.workload.file, line: seed.workload.line, kind: seed.workload.kind, probes: seed.workload.probes, environment: seed.workload.environment } } : {}),
      tracing: tidy(signals.tracing),
      breakers: tidy(signals.breakers),
      health: tidy(signals.health),
      routes: [...new Set(signals.routes)].sort(compareText),
      outboundCalls: tidy(signals.outbound),
      brokers: tidy(signals.brokers),
      produces: tidy(signals.produces),
      consumes: tidy(signals.consumes),
    });
    for (const d of signals.datastores) {
      if (uses.some((u) => u.service === seed.name && u.host === d.host && u.database === d.database)) continue;
      uses.push({ service: seed.name, host: d.host, kind: d.kind, ...(d.database ? { database: d.database } : {}), evidence: d.evidence });
      if (!datastores.some((x) => x.host === d.host)) datastores.push({ host: d.host, kind: d.kind, declaredAt: d.evidence });
    }
    for (const b of signals.brokerHosts) if (!brokers.some((x) => x.host === b.host)) brokers.push({ host: b.host, kind: b.kind, declaredAt: b.evidence });
  }
  dropCallsToPlatformServices(services);

  const { imports, javaPackages } = await readImports(codeFiles, files);
  const packageOwners = packageOwnersOf(services, seeds, javaPackages, codeFiles, owners);

  let archPattern: Pattern | undefined;
  if (files.has('arch.json')) {
    const text = await files.read('arch.json');
    if (text !== undefined) archPattern = readArchJson('arch.json', text, report);
  }

  return {
    intent: decideIntent(options.architecture, archPattern, services),
    services,
    libraries,
    datastores: dedupeBy(datastores, (d) => d.host).sort((a, b) => compareText(a.host, b.host)),
    datastoreUses: uses.sort((a, b) => compareText(a.service, b.service) || compareText(a.host, b.host) || compareText(a.database ?? '', b.database ?? '')),
    brokers: dedupeBy(brokers, (b) => b.host).sort((a, b) => compareText(a.host, b.host)),
    gateways: gateways.sort((a, b) => compareText(a.name, b.name) || byFileLine(a.declaredAt, b.declaredAt)),
    meshBreakers: meshBreakers.sort((a, b) => compareText(a.host, b.host)),
    imports,
    packageOwners,
    diagnostics: [...walked.diagnostics, ...files.diagnostics].sort((a, b) => byFileLine(a, b) || compareText(a.code, b.code)),
  };
}

function librariesUsed(manifest: Manifest | undefined, libraries: ReadonlyMap<string, Manifest>): Manifest[] {
  const found = new Map<string, Manifest>();
  const queue = [...(manifest?.dependencies ?? [])];
  while (queue.length > 0) {
    const lib = libraries.get(queue.shift() ?? '');
    if (!lib || found.has(lib.dir)) continue;
    found.set(lib.dir, lib);
    queue.push(...lib.dependencies);
  }
  return [...found.values()].sort((a, b) => compareText(a.dir, b.dir));
}

function envOf(seed: ServiceSeed, envFiles: readonly string[], envFileVars: ReadonlyMap<string, EnvVar[]>): EnvVar[] {
  const vars: EnvVar[] = [];
  const c = seed.compose;
  if (c) for (const [key, value] of Object.entries(c.environment)) vars.push({ key, value, file: c.file, line: c.envLines[key] ?? c.line });
  const w = seed.workload;
  if (w) for (const [key, value] of Object.entries(w.environment)) vars.push({ key, value, file: w.file, line: w.line });
  return [...vars, ...envFiles.flatMap((file) => envFileVars.get(file) ?? [])];
}

async function readEnvFiles(files: RepoFiles): Promise<Map<string, EnvVar[]>> {
  const out = new Map<string, EnvVar[]>();
  for (const { path } of files.list) {
    if (!isEnvFile(baseName(path))) continue;
    const text = await files.read(path);
    if (text !== undefined) out.set(path, readEnvFile(text).map((v) => ({ ...v, file: path })));
  }
  return out;
}

function addInfraSignals(seed: ServiceSeed, signals: Signals, around: Surroundings): void {
  const c = seed.compose;
  if (c?.healthcheck) signals.health.push({ file: c.file, line: c.line, detail: 'compose healthcheck' });
  const w = seed.workload;
  if (w && w.probes.length > 0) signals.health.push({ file: w.file, line: w.line, detail: `Kubernetes ${w.probes.join(', ')}` });
  for (const dep of c?.dependsOn ?? []) {
    const host = dep.toLowerCase();
    const kind: DatastoreKind | undefined = around.datastoreHosts.get(host);
    if (kind && !signals.datastores.some((d) => d.host === host)) {
      signals.datastores.push({ host, kind, evidence: { file: c?.file ?? '', line: c?.line ?? 0, detail: `depends_on ${dep}` } });
    }
    const broker = around.brokerHosts.get(host);
    if (broker) signals.brokers.push({ file: c?.file ?? '', line: c?.line ?? 0, detail: `depends_on ${broker} at ${host}`, target: host });
  }
}

/** Fetching configuration or registering with discovery at start-up is no per-request dependency on another service. */
function dropCallsToPlatformServices(services: Service[]): void {
  const platform = new Set(services.filter((s) => s.dependencies.some((d) => matchesLib(d, PLATFORM_LIBS))).map((s) => s.name.toLowerCase()));
  for (const s of services) s.outboundCalls = s.outboundCalls.filter((e) => e.target === undefined || !platform.has(e.target));
}

function majorityLanguage(code: readonly string[]): Language {
  const counts = new Map<Language, number>();
  for (const f of code) {
    const l = languageOfFile(f);
    if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0] ?? 'unknown';
}

function tidy(evidence: Evidence[]): Evidence[] {
  return dedupeBy(evidence, (e) => `${e.file}:${e.line ?? 0}:${e.detail}`).sort((a, b) => byFileLine(a, b) || compareText(a.detail, b.detail));
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
