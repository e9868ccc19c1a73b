import type { Diagnostic } from '../model.js';
import { asArray, asRecord, readYaml } from './yaml-docs.js';

export interface K8sWorkload {
  name: string;
  kind: string;
  file: string;
  line: number;
  images: string[];
  probes: string[];
  environment: Record<string, string>;
}

export interface K8sObjects {
  workloads: K8sWorkload[];
  /** Ingresses, Gateway API routes, Kong/Traefik CRDs: each one a gateway in front of services. */
  gateways: Array<{ name: string; kind: string; file: string; line: number }>;
  /** Istio DestinationRules with outlier detection: a circuit breaker for a host, or all hosts. */
  outlierDetection: Array<{ host: string; file: string; line: number }>;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'DeploymentConfig', 'Rollout']);
const GATEWAY_KINDS = new Set(['Ingress', 'HTTPRoute', 'GRPCRoute', 'Gateway', 'KongIngress', 'IngressRoute', 'VirtualService']);

export function readKubernetes(file: string, text: string, report: (d: Diagnostic) => void): K8sObjects {
  const out: K8sObjects = { workloads: [], gateways: [], outlierDetection: [] };
  if (!/^\s*kind\s*:/m.test(text) || !/^\s*apiVersion\s*:/m.test(text)) return out;
  for (const doc of readYaml(file, text, report)) {
    const obj = asRecord(doc.value);
    const kind = typeof obj?.kind === 'string' ? obj.kind : undefined;
    const name = asRecord(obj?.metadata)?.name;
    if (!obj || !kind || typeof name !== 'string') continue;
    const line = doc.lineOf(['kind']) ?? 1;
    if (WORKLOAD_KINDS.has(kind)) {
      const containers = asArray(asRecord(asRecord(asRecord(asRecord(obj.spec)?.template)?.spec))?.containers).map(asRecord).filter((c) => c !== undefined);
      const environment: Record<string, string> = {};
      const probes = new Set<string>();
      for (const c of containers) {
        for (const e of asArray(c.env).map(asRecord)) if (typeof e?.name === 'string') environment[e.name] = e.value === undefined ? '' : String(e.value);
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (asRecord(c[probe])) probes.add(probe);
      }
      out.workloads.push({
        name, kind, file, line,
        images: containers.map((c) => c.image).filter((i): i is string => typeof i === 'string'),
        probes: [...probes].sort(),
        environment,
      });
    } else if (GATEWAY_KINDS.has(kind)) {
      out.gateways.push({ name, kind, file, line });
    } else if (kind === 'DestinationRule') {
      const spec = asRecord(obj.spec);
      if (asRecord(asRecord(spec?.trafficPolicy)?.outlierDetection)) {
        out.outlierDetection.push({ host: typeof spec?.host === 'string' ? spec.host.split('.')[0] ?? '*' : '*', file, line: doc.lineOf(['spec', 'trafficPolicy', 'outlierDetection']) ?? line });
      }
    }
  }
  return out;
}
