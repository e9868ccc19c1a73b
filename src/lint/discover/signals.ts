import { gatewayConfigIn } from '../readers/gateway-config.js';
import type { Manifest } from '../readers/manifest.js';
import { connectionFromVariables, connectionsIn } from '../readers/connection.js';
import type { BrokerKind, DatastoreKind, Evidence } from '../model.js';
import { CONSUME_SOURCE, PRODUCE_SOURCE, ROUTE_SOURCES, BREAKER_LIBS, BROKER_LIBS, GATEWAY_LIBS, HEALTH_SOURCE, HTTP_CLIENT_LIBS, OUTBOUND_SOURCE, TRACING_LIBS, matchesLib } from './catalog.js';
import { lineAt, type RepoFiles } from './files.js';

/** What one folder's manifest, environment and files show; merged per service. */
export interface Signals {
  tracing: Evidence[];
  breakers: Evidence[];
  health: Evidence[];
  outbound: Evidence[];
  brokers: Evidence[];
  gateway: Evidence[];
  datastores: Array<{ host: string; kind: DatastoreKind; database?: string; evidence: Evidence }>;
  produces: Evidence[];
  consumes: Evidence[];
  /** Routes the service declares, as `METHOD /path`. */
  routes: string[];
  /** Brokers named by connection strings, which may be outside compose and Kubernetes. */
  brokerHosts: Array<{ host: string; kind: BrokerKind; evidence: Evidence }>;
}

export interface EnvVar {
  key: string;
  value: string;
  file: string;
  line: number;
}

export interface Surroundings {
  /** Names of the other app services, to recognise a synchronous call by its URL. */
  services: ReadonlySet<string>;
  datastoreHosts: ReadonlyMap<string, DatastoreKind>;
  brokerHosts: ReadonlyMap<string, BrokerKind>;
}

export function emptySignals(): Signals {
  return { tracing: [], breakers: [], health: [], outbound: [], brokers: [], gateway: [], datastores: [], produces: [], consumes: [], routes: [], brokerHosts: [] };
}

export function mergeSignals(target: Signals, source: Signals): Signals {
  for (const key of ['tracing', 'breakers', 'health', 'outbound', 'brokers', 'gateway', 'produces', 'consumes'] as const) target[key].push(...source[key]);
  target.datastores.push(...source.datastores);
  target.brokerHosts.push(...source.brokerHosts);
  target.routes.push(...source.routes);
  return target;
}

export async function manifestSignals(manifest: Manifest, files: RepoFiles, via?: string): Promise<Signals> {
  const text = (await files.read(manifest.file)) ?? '';
  const signals = emptySignals();
  const at = (dep: string, what: string): Evidence => {
    const index = text.indexOf(dep);
    return { file: manifest.file, ...(index >= 0 ? { line: lineAt(text, index) } : {}), detail: `${via ? `${via} ` : ''}depends on ${dep} (${what})` };
  };
  for (const dep of manifest.dependencies) {
    if (matchesLib(dep, TRACING_LIBS)) signals.tracing.push(at(dep, 'tracing'));
    if (matchesLib(dep, BREAKER_LIBS)) signals.breakers.push(at(dep, 'circuit breaker'));
    if (matchesLib(dep, HTTP_CLIENT_LIBS) && !via) signals.outbound.push(at(dep, 'HTTP/gRPC client'));
    if (matchesLib(dep, GATEWAY_LIBS) && !via) signals.gateway.push(at(dep, 'proxy library'));
    if (BROKER_LIBS.some(([pattern]) => matchesLib(dep, [pattern]))) signals.brokers.push(at(dep, 'message broker client'));
    if (/spring-boot-starter-actuator$/.test(dep)) signals.health.push(at(dep, 'Spring Boot Actuator health endpoint'));
  }
  return signals;
}

export function envSignals(env: readonly EnvVar[], self: string, around: Surroundings): Signals {
  const signals = emptySignals();
  for (const v of env) {
    const where = { file: v.file, line: v.line };
    if (/^(OTEL_|JAEGER_|ZIPKIN_|DD_TRACE_|DD_AGENT_HOST$)/.test(v.key)) signals.tracing.push({ ...where, detail: `sets ${v.key}` });
    for (const c of connectionsIn(v.value)) {
      if (c.type === 'datastore') signals.datastores.push({ host: c.host, kind: c.kind, ...(c.database ? { database: c.database } : {}), evidence: { ...where, detail: `${v.key} connects to ${c.kind} at ${c.host}${c.database ? `/${c.database}` : ''}` } });
      else if (c.type === 'broker') {
        const evidence = { ...where, detail: `${v.key} connects to ${c.kind} at ${c.host}`, target: c.host };
        signals.brokers.push(evidence);
        signals.brokerHosts.push({ host: c.host, kind: c.kind, evidence });
      } else if (c.host !== self && around.services.has(c.host)) signals.outbound.push({ ...where, detail: `${v.key} calls ${c.host} synchronously`, target: c.host });
      else if (around.brokerHosts.has(c.host)) signals.brokers.push({ ...where, detail: `${v.key} points at broker ${c.host}`, target: c.host });
    }
  }
  for (const v of env) {
    // Broker addresses are usually bare `host:port` lists (KAFKA_BROKERS=kafka:9092), not URLs.
    if (!/KAFKA|BROKER|RABBIT|AMQP|NATS|PULSAR/i.test(v.key)) continue;
    for (const part of v.value.split(/[,\s]+/)) {
      const host = part.replace(/^[a-z+]+:\/\//i, '').split(/[:/@]/)[0]?.toLowerCase() ?? '';
      const kind = around.brokerHosts.get(host);
      if (kind) signals.brokers.push({ file: v.file, line: v.line, detail: `${v.key} connects to ${kind} at ${host}`, target: host });
    }
  }
  const split = connectionFromVariables(Object.fromEntries(env.map((v) => [v.key, v.value])));
  const kind = split ? around.datastoreHosts.get(split.host) : undefined;
  if (split && kind && !signals.datastores.some((d) => d.host === split.host)) {
    const first = env.find((v) => v.value.toLowerCase() === split.host);
    signals.datastores.push({ ...split, kind, evidence: { file: first?.file ?? '', line: first?.line ?? 0, detail: `connects to ${kind} at ${split.host}` } });
  }
  return signals;
}

/** Tests call the service they test: a fetch in a test is not a call the service makes. */
const TEST_FILE = /(^|\/)(tests?|__tests__|spec|src\/test)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]*\.py$|Tests?\.(java|kt|cs)$/;

/** Source files: health routes and outbound calls (outside tests), first occurrence per file. Config files: connection strings. */
export async function fileSignals(codeFiles: readonly string[], configFiles: readonly string[], dockerfiles: readonly string[], files: RepoFiles, around: Surroundings, self: string): Promise<Signals> {
  const signals = emptySignals();
  for (const file of codeFiles) {
    const text = await files.read(file, { keep: false });
    if (text === undefined) continue;
    const health = HEALTH_SOURCE.exec(text);
    if (health) signals.health.push({ file, line: lineAt(text, health.index), detail: `health endpoint ${health[1] ?? health[0]}` });
    signals.routes.push(...routesIn(text));
    const produce = PRODUCE_SOURCE.exec(text);
    if (produce) signals.produces.push({ file, line: lineAt(text, produce.index), detail: `publishes with ${produce[0].replace(/\($/, '')}` });
    const consume = CONSUME_SOURCE.exec(text);
    if (consume) signals.consumes.push({ file, line: lineAt(text, consume.index), detail: `consumes with ${consume[0].replace(/\($/, '')}` });
    const outbound = TEST_FILE.test(file) ? null : OUTBOUND_SOURCE.exec(text);
    if (outbound) signals.outbound.push({ file, line: lineAt(text, outbound.index), detail: `calls out with ${outbound[0].replace(/\(.*$/s, '').trim()}` });
  }
  for (const file of configFiles) {
    const text = await files.read(file);
    if (text === undefined) continue;
    const gatewayTracer = gatewayTracingIn(file, text);
    if (gatewayTracer) signals.tracing.push(gatewayTracer);
    for (const c of connectionsIn(text)) {
      const where = { file, line: lineAt(text, c.index) };
      if (c.type === 'datastore') signals.datastores.push({ host: c.host, kind: c.kind, ...(c.database ? { database: c.database } : {}), evidence: { ...where, detail: `connects to ${c.kind} at ${c.host}${c.database ? `/${c.database}` : ''}` } });
      else if (c.type === 'broker') {
        const evidence = { ...where, detail: `connects to ${c.kind} at ${c.host}`, target: c.host };
        signals.brokers.push(evidence);
        signals.brokerHosts.push({ host: c.host, kind: c.kind, evidence });
      } else if (c.host !== self && around.services.has(c.host)) signals.outbound.push({ ...where, detail: `calls ${c.host} synchronously`, target: c.host });
    }
  }
  for (const file of dockerfiles) {
    const text = await files.read(file);
    if (text === undefined) continue;
    const health = /^\s*HEALTHCHECK\s+(?!NONE)/im.exec(text);
    if (health) signals.health.push({ file, line: lineAt(text, health.index), detail: 'Dockerfile HEALTHCHECK' });
    const agent = /opentelemetry-instrument|opentelemetry-javaagent|dd-java-agent/.exec(text);
    if (agent) signals.tracing.push({ file, line: lineAt(text, agent.index), detail: `runs ${agent[0]}` });
  }
  return signals;
}

/** A gateway that traces through its configuration: Kong's OpenTelemetry or Zipkin plugin, NGINX's otel module. */
function gatewayTracingIn(file: string, text: string): Evidence | undefined {
  const gateway = gatewayConfigIn(file, text);
  if (gateway === undefined) return undefined;
  const pattern = gateway.kind === 'kong' ? /^\s*-?\s*name:\s*['"]?(opentelemetry|zipkin)['"]?\s*$/m : gateway.kind === 'nginx' ? /^\s*(otel_trace|opentelemetry)\s+on\s*;/m : undefined;
  const m = pattern?.exec(text);
  return m ? { file, line: lineAt(text, m.index), detail: `${gateway.kind} traces with ${m[1]}` } : undefined;
}

function routesIn(text: string): string[] {
  const routes: string[] = [];
  for (const pattern of ROUTE_SOURCES) {
    for (const m of text.matchAll(pattern)) {
      const word = (m[1] ?? '').trim().toUpperCase();
      const method = word === '' || word === 'REQUEST' || word === 'ROUTE' || word === 'ALL' ? 'ANY' : word;
      routes.push(`${method} ${m[2] ?? ''}`);
    }
  }
  // `@app.post("/x")` is both Python and, to the JS pattern, `app.post("/x")`: count it once.
  return [...new Set(routes)];
}
