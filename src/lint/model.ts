/**
 * The repository as arch-lint understands it: what `discover()` builds and
 * every rule reads. Paths are relative to the linted root, POSIX-style, so the
 * same repository gives the same model on any machine.
 */
export const PATTERNS = ['monolith', 'microservices', 'event-driven', 'cqrs'] as const;
export type Pattern = (typeof PATTERNS)[number];

export type Language =
  | 'typescript'
  | 'javascript'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'python'
  | 'csharp'
  | 'unknown';

/** A place in the repository that shows something: the file, the line if there is one, and what it shows. */
export interface Evidence {
  file: string;
  line?: number;
  detail: string;
  /** The host it points at, when it names one: a called service, a broker. */
  target?: string;
}

export interface ServiceCompose {
  file: string;
  line: number;
  image?: string;
  build?: string;
  dependsOn: string[];
  environment: Record<string, string>;
  healthcheck: boolean;
}

export interface ServiceWorkload {
  file: string;
  line: number;
  kind: string;
  probes: string[];
  environment: Record<string, string>;
}

export interface Service {
  name: string;
  /** Folder holding the service's code; absent for a service known only from an image. */
  dir?: string;
  language: Language;
  /** The file that declares the service first: its manifest, else its compose or workload entry. */
  declaredAt: Evidence;
  /** Whether the service is an API gateway built from code (a proxy library or a gateway image). */
  gateway: boolean;
  dependencies: string[];
  compose?: ServiceCompose;
  workload?: ServiceWorkload;
  tracing: Evidence[];
  breakers: Evidence[];
  health: Evidence[];
  /** Routes declared in its source (`GET /orders`), as far as text patterns can tell. */
  routes: string[];
  /** Signs of synchronous calls to other services (HTTP/gRPC clients, URLs of sibling services). */
  outboundCalls: Evidence[];
  brokers: Evidence[];
  /** Where it publishes to and consumes from a broker, as far as source text shows. */
  produces: Evidence[];
  consumes: Evidence[];
}

export type DatastoreKind =
  | 'postgres'
  | 'mysql'
  | 'mongodb'
  | 'redis'
  | 'mssql'
  | 'oracle'
  | 'cassandra'
  | 'elasticsearch'
  | 'dynamodb'
  | 'sqlite';

export interface Datastore {
  /** The host name services use to reach it: a compose service name, a k8s service, a hostname. */
  host: string;
  kind: DatastoreKind;
  declaredAt: Evidence;
}

/** One service using one database: which host, which database name if the connection says so. */
export interface DatastoreUse {
  service: string;
  host: string;
  kind: DatastoreKind;
  database?: string;
  evidence: Evidence;
}

export type BrokerKind = 'kafka' | 'rabbitmq' | 'nats' | 'sqs' | 'sns' | 'pulsar' | 'redis-streams' | 'activemq';

export interface Broker {
  host: string;
  kind: BrokerKind;
  declaredAt: Evidence;
}

export interface Gateway {
  name: string;
  kind: 'nginx' | 'kong' | 'envoy' | 'traefik' | 'ingress' | 'gateway-api' | 'code';
  declaredAt: Evidence;
}

/** A mesh-level circuit breaker (Istio/Envoy outlier detection); `host` '*' covers every service. */
export interface MeshBreaker {
  host: string;
  declaredAt: Evidence;
}

/** One import from one file to another, in any language we read. */
export interface ImportEdge {
  from: string;
  line: number;
  specifier: string;
  /** The repository file or folder the import lands in, when it is inside the repository. */
  target?: string;
  language: Language;
}

export type IntentSource = 'arch.json' | 'config' | 'inferred';

export interface Intent {
  pattern: Pattern;
  source: IntentSource;
  /** Why this pattern, in a sentence, when it was inferred. */
  reason: string;
}

export type DiagnosticCode =
  | 'parse-error'
  | 'file-too-large'
  | 'binary-file'
  | 'symlink-loop'
  | 'symlink-outside'
  | 'unreadable'
  | 'suppression-without-reason';

/** Something arch-lint could not read or check; reported, never fatal. */
export interface Diagnostic {
  code: DiagnosticCode;
  file: string;
  line?: number;
  message: string;
}

export interface RepoModel {
  intent: Intent;
  services: Service[];
  /** Folders with a manifest that are libraries, not services (workspace packages, shared code). */
  libraries: string[];
  datastores: Datastore[];
  datastoreUses: DatastoreUse[];
  brokers: Broker[];
  gateways: Gateway[];
  meshBreakers: MeshBreaker[];
  imports: ImportEdge[];
  /** Go module path, Java package or Python package → owning service, for boundary checks outside TS/JS. */
  packageOwners: Record<string, string>;
  diagnostics: Diagnostic[];
}

export function byFileLine(a: { file: string; line?: number }, b: { file: string; line?: number }): number {
  return compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0);
}

/** Locale-independent ordering, so output is byte-identical everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
