import type { Diagnostic } from '../model.js';
import { asArray, asRecord, readYaml } from './yaml-docs.js';

export interface ComposeService {
  name: string;
  file: string;
  line: number;
  image?: string;
  /**
   * The folder the container is built from, relative to the repository root, POSIX, '' for the
   * root: the build context, or the Dockerfile's folder when a monorepo builds every service from
   * its root with a Dockerfile per service (`context: .`, `dockerfile: services/orders/Dockerfile`).
   */
  build?: string;
  dependsOn: string[];
  environment: Record<string, string>;
  /** Line of each environment variable, for findings that point at a connection string. */
  envLines: Record<string, number>;
  healthcheck: boolean;
  ports: boolean;
  labels: Record<string, string>;
}

export function isComposeFile(name: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(name);
}

export function readCompose(file: string, text: string, report: (d: Diagnostic) => void): ComposeService[] {
  const doc = readYaml(file, text, report)[0];
  const services = asRecord(asRecord(doc?.value)?.services);
  if (!doc || !services) return [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return Object.entries(services).flatMap(([name, raw]) => {
    const svc = asRecord(raw);
    if (!svc) return [];
    const build = buildFolder(svc.build);
    const health = asRecord(svc.healthcheck);
    return [{
      name,
      file,
      line: doc.lineOf(['services', name]) ?? 1,
      ...(typeof svc.image === 'string' ? { image: svc.image } : {}),
      ...(typeof build === 'string' ? { build: joinPosix(dir, build) } : {}),
      dependsOn: Array.isArray(svc.depends_on) ? svc.depends_on.map(String) : Object.keys(asRecord(svc.depends_on) ?? {}),
      environment: keyValues(svc.environment),
      envLines: envLines(svc.environment, (key) => doc.lineOf(['services', name, 'environment', key])),
      healthcheck: health !== undefined && health.disable !== true && !(Array.isArray(health.test) && health.test[0] === 'NONE'),
      ports: asArray(svc.ports).length > 0,
      labels: keyValues(svc.labels),
    }];
  });
}

function buildFolder(build: unknown): string | undefined {
  if (typeof build === 'string') return build;
  const record = asRecord(build);
  if (record === undefined) return undefined;
  const context = typeof record.context === 'string' ? record.context : '.';
  const dockerfile = typeof record.dockerfile === 'string' ? record.dockerfile : '';
  const folder = dockerfile.includes('/') && !dockerfile.startsWith('/') ? dockerfile.slice(0, dockerfile.lastIndexOf('/')) : '';
  return folder === '' ? context : joinPosix(context, folder);
}

function envLines(value: unknown, lineOf: (key: string | number) => number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const record = asRecord(value);
  if (record) for (const key of Object.keys(record)) out[key] = lineOf(key) ?? 0;
  asArray(value).forEach((item, i) => {
    if (typeof item === 'string') out[item.split('=')[0] ?? item] = lineOf(i) ?? 0;
  });
  return out;
}

/** Compose accepts both `KEY: value` maps and `KEY=value` lists. */
export function keyValues(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const record = asRecord(value);
  if (record) for (const [k, v] of Object.entries(record)) out[k] = v === null || v === undefined ? '' : String(v);
  for (const item of asArray(value)) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    out[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? '' : item.slice(eq + 1);
  }
  return out;
}

export function joinPosix(dir: string, relative: string): string {
  const parts = (dir ? `${dir}/${relative}` : relative).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
