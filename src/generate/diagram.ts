/** The Mermaid diagram of a generated project's parts, for its README. */
import { databaseOf, replicasOf, shardCount, type ProjectSpec } from '../spec/project-spec.js';
import { nameForms, type NameForms } from '../spec/names.js';
import { hasPlaceOrderFlow } from './context.js';

/**
 * The monolith and its modules. Once `arch-init split` has moved modules out, a gateway stands in
 * front: it routes the modules the monolith kept to it, and each split module to its own service
 * and database, which the monolith now calls over HTTP.
 */
function monolith(spec: ProjectSpec): string[] {
  const split = new Set(spec.split ?? []);
  const modules = spec.services.map(nameForms);
  const kept = modules.filter((m) => !split.has(m.kebab));
  const services = modules.filter((m) => split.has(m.kebab));
  const lines = ['flowchart LR'];
  if (services.length === 0) {
    lines.push('  client([Client]) -->|HTTP| app');
  } else {
    lines.push(
      '  client([Client]) -->|HTTP + JWT| gateway["API gateway<br/>auth, rate limit, routing"]',
      `  gateway -->|${kept.map((m) => `/api/${m.kebab}`).join(', ')}| app`,
    );
  }
  lines.push(
    `  subgraph app ["${spec.name} (Fastify)"]`,
    ...kept.map((m) => `    ${m.camel}["${m.kebab} module"]`),
    '  end',
    '  app --> db[("PostgreSQL")]',
    ...services.flatMap((s) => [
      `  gateway -->|/api/${s.kebab}| ${s.camel}["${s.kebab} service"]`,
      `  ${s.camel} --> ${s.camel}Db[("${s.kebab} DB")]`,
    ]),
  );
  const traced = services.length === 0 ? 'app' : ['gateway', 'app', ...services.map((s) => s.camel)].join(' & ');
  lines.push(`  ${traced} -.->|OTLP traces| otel[["OpenTelemetry collector"]]`);
  if (hasPlaceOrderFlow(spec)) {
    // Inside the monolith a module calls another's public interface; a split module is an HTTP call away.
    for (const callee of ['products', 'payments']) {
      const local = !split.has('orders') && !split.has(callee);
      lines.push(`  orders -->|${local ? 'public interface' : 'HTTP + breaker'}| ${callee}`);
    }
  }
  return lines;
}

/** The edge as the diagram names it: what it is, and what it does. */
function edgeNode(spec: ProjectSpec): string {
  const kind = { node: 'API gateway', nginx: 'API gateway (NGINX)', kong: 'API gateway (Kong)' }[spec.gateway ?? 'node'];
  return `gateway["${kind}<br/>auth, rate limit, routing"]`;
}

/** A service's box: its name, and how many instances run when more than one, or how many shards hold its records. */
function serviceNode(spec: ProjectSpec, service: NameForms): string {
  const replicas = replicasOf(spec, service.kebab);
  const shards = shardsOf(spec, service);
  return `${service.camel}["${service.kebab} service${replicas > 1 ? ` ×${replicas}` : ''}${shards > 1 ? `, ${shards} shards` : ''}"]`;
}

/** How many databases hold a service's records: one, unless it is sharded (`--shards`). */
function shardsOf(spec: ProjectSpec, service: NameForms): number {
  const sharding = spec.shards?.[service.kebab];
  return sharding === undefined ? 1 : shardCount(sharding);
}

function microservices(spec: ProjectSpec): string[] {
  const services = spec.services.map(nameForms);
  const lines = [
    'flowchart LR',
    `  client([Client]) -->|HTTP + JWT| ${edgeNode(spec)}`,
    ...services.flatMap((s) => [
      `  gateway -->|/api/${s.kebab}| ${serviceNode(spec, s)}`,
      // PostgreSQL goes without saying; another technology is named.
      `  ${s.camel} --> ${s.camel}Db[("${s.kebab} DB${databaseOf(spec, s.kebab) === 'mysql' ? '<br/>MySQL' : ''}${shardsOf(spec, s) > 1 ? ` ×${shardsOf(spec, s)}` : ''}")]`,
    ]),
  ];
  if (hasPlaceOrderFlow(spec)) {
    lines.push('  orders -->|HTTP, circuit breaker| products', '  orders -->|HTTP, circuit breaker| payments');
  }
  lines.push('  gateway & ' + services.map((s) => s.camel).join(' & ') + ' -.->|OTLP traces| otel[["OpenTelemetry collector → Jaeger"]]');
  return lines;
}

const brokerTitles: Record<ProjectSpec['broker'], string> = {
  none: '',
  rabbitmq: 'RabbitMQ',
  nats: 'NATS JetStream',
  kafka: 'Kafka',
};

/** Services that talk through the broker: who publishes through an outbox, who reacts to what. */
function eventDriven(spec: ProjectSpec): string[] {
  const services = spec.services.map(nameForms);
  const lines = [
    'flowchart LR',
    `  client([Client]) -->|HTTP + JWT| ${edgeNode(spec)}`,
    `  broker[["${brokerTitles[spec.broker]}<br/>(in-process without BROKER_URL)"]]`,
    ...services.flatMap((s) => [
      `  gateway -->|/api/${s.kebab}| ${serviceNode(spec, s)}`,
      `  ${s.camel} --> ${s.camel}Db[("${s.kebab} DB<br/>${
        spec.pattern === 'cqrs' && s.kebab === 'orders' && hasPlaceOrderFlow(spec) ? 'event store, read model' : 'tables'
      } + outbox, inbox")]`,
      `  ${s.camel} -->|events| broker`,
    ]),
  ];
  if (hasPlaceOrderFlow(spec) && spec.saga === 'orchestration') {
    lines.push(
      '  broker -->|stock.reserve, stock.release| products',
      '  broker -->|payment.charge| payments',
      '  broker -->|replies: stock.*, payment.*| orders',
    );
  } else if (hasPlaceOrderFlow(spec)) {
    lines.push(
      '  broker -->|order.placed, payment.failed| products',
      '  broker -->|stock.reserved| payments',
      '  broker -->|stock.rejected, payment.charged, payment.failed| orders',
    );
  }
  lines.push('  gateway & ' + services.map((s) => s.camel).join(' & ') + ' -.->|OTLP traces| otel[["OpenTelemetry collector → Jaeger"]]');
  return lines;
}

export function diagram(spec: ProjectSpec): string {
  const lines = spec.pattern === 'monolith' ? monolith(spec) : spec.broker === 'none' ? microservices(spec) : eventDriven(spec);
  return lines.join('\n');
}
