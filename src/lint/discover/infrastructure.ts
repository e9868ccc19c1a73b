import type { Broker, Datastore, Diagnostic, Gateway, MeshBreaker } from '../model.js';
import { isComposeFile, readCompose, type ComposeService } from '../readers/compose.js';
import { gatewayConfigIn } from '../readers/gateway-config.js';
import { readKubernetes, type K8sObjects, type K8sWorkload } from '../readers/kubernetes.js';
import { baseName, type RepoFiles } from './files.js';
import { infraRole } from './infra-role.js';

const INGRESS_KINDS: Record<string, Gateway['kind']> = { Ingress: 'ingress', IngressRoute: 'traefik', KongIngress: 'kong', VirtualService: 'envoy' };

export interface Infrastructure {
  /** Compose services and Kubernetes workloads built from the repository (not stock infrastructure images). */
  appCompose: ComposeService[];
  appWorkloads: K8sWorkload[];
  datastores: Datastore[];
  brokers: Broker[];
  gateways: Gateway[];
  meshBreakers: MeshBreaker[];
}

/**
 * Compose files, Kubernetes manifests and gateway configs: which containers
 * are the repository's services and which are databases, brokers, gateways.
 */
export async function readInfrastructure(files: RepoFiles, report: (d: Diagnostic) => void): Promise<Infrastructure> {
  const compose: ComposeService[] = [];
  const k8s: K8sObjects = { workloads: [], gateways: [], outlierDetection: [] };
  const gateways: Gateway[] = [];
  for (const f of files.list) {
    const name = baseName(f.path);
    const isYaml = /\.ya?ml$/.test(name);
    if (!isYaml && !/\.(conf|toml)$|^ocelot\.json$/.test(name)) continue;
    const text = await files.read(f.path);
    if (text === undefined) continue;
    if (isComposeFile(name)) {
      for (const svc of readCompose(f.path, text, report)) if (!compose.some((c) => c.name === svc.name)) compose.push(svc);
      continue;
    }
    // Helm and other templated YAML is not YAML until rendered, and we render nothing.
    if (isYaml && !text.includes('{{')) {
      const objects = readKubernetes(f.path, text, report);
      k8s.workloads.push(...objects.workloads);
      k8s.gateways.push(...objects.gateways);
      k8s.outlierDetection.push(...objects.outlierDetection);
    }
    const gateway = gatewayConfigIn(f.path, text);
    if (gateway) gateways.push(gateway);
  }

  const datastores: Datastore[] = [];
  const brokers: Broker[] = [];
  const appCompose: ComposeService[] = [];
  for (const c of compose) {
    const role = infraRole(c) ?? (await builtInfraRole(files, c));
    const declaredAt = { file: c.file, line: c.line, detail: `compose service ${c.name} (${c.image ?? 'built'})` };
    if (!role) appCompose.push(c);
    else if (role.role === 'datastore') datastores.push({ host: c.name.toLowerCase(), kind: role.kind, declaredAt });
    else if (role.role === 'broker') brokers.push({ host: c.name.toLowerCase(), kind: role.kind, declaredAt });
    else if (role.role === 'gateway') gateways.push({ name: c.name, kind: role.kind, declaredAt });
  }
  for (const g of k8s.gateways) gateways.push({ name: g.name, kind: INGRESS_KINDS[g.kind] ?? 'gateway-api', declaredAt: { file: g.file, line: g.line, detail: `Kubernetes ${g.kind} ${g.name}` } });
  const meshBreakers: MeshBreaker[] = k8s.outlierDetection.map((o) => ({ host: o.host, declaredAt: { file: o.file, line: o.line, detail: 'Istio outlier detection' } }));

  const appWorkloads = k8s.workloads.filter((w) => {
    // A workload running only a stock database or broker image is infrastructure, as in compose.
    const roles = w.images.map((image) => infraRole({ image }));
    const role = roles[0];
    if (!role || roles.some((r) => r === undefined)) return true;
    const declaredAt = { file: w.file, line: w.line, detail: `${w.kind} ${w.name} (${w.images.join(', ')})` };
    if (role.role === 'datastore') datastores.push({ host: w.name.toLowerCase(), kind: role.kind, declaredAt });
    else if (role.role === 'broker') brokers.push({ host: w.name.toLowerCase(), kind: role.kind, declaredAt });
    else if (role.role === 'gateway') gateways.push({ name: w.name, kind: role.kind, declaredAt });
    return false;
  });
  return { appCompose, appWorkloads, datastores, brokers, gateways, meshBreakers };
}

/**
 * A compose service built from a Dockerfile that only customises a stock
 * database, broker or monitoring image (`FROM grafana/grafana`) is still
 * infrastructure. Not gateways: an app served by nginx is an app.
 */
async function builtInfraRole(files: RepoFiles, c: ComposeService): Promise<ReturnType<typeof infraRole>> {
  if (c.build === undefined) return undefined;
  const text = await files.read(c.build === '' ? 'Dockerfile' : `${c.build}/Dockerfile`);
  const from = [...(text ?? '').matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].pop()?.[1];
  const role = from === undefined ? undefined : infraRole({ image: from });
  return role?.role === 'gateway' ? undefined : role;
}
