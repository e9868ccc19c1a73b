/** The Mermaid diagram of a generated project's parts, for its README. */
import type { ProjectSpec } from '../spec/project-spec.js';
import { nameForms } from '../spec/names.js';
import { hasPlaceOrderFlow } from './context.js';

function monolith(spec: ProjectSpec): string[] {
  const modules = spec.services.map(nameForms);
  const lines = [
    'flowchart LR',
    '  client([Client]) -->|HTTP| app',
    `  subgraph app ["${spec.name} (Fastify)"]`,
    ...modules.map((m) => `    ${m.camel}["${m.kebab} module"]`),
    '  end',
    '  app --> db[("PostgreSQL")]',
    '  app -.->|OTLP traces| otel[["OpenTelemetry collector"]]',
  ];
  if (hasPlaceOrderFlow(spec)) {
    lines.push('  orders -->|public interface| products', '  orders -->|public interface| payments');
  }
  return lines;
}

function microservices(spec: ProjectSpec): string[] {
  const services = spec.services.map(nameForms);
  const lines = [
    'flowchart LR',
    '  client([Client]) -->|HTTP + JWT| gateway["API gateway<br/>auth, rate limit, routing"]',
    ...services.flatMap((s) => [
      `  gateway -->|/api/${s.kebab}| ${s.camel}["${s.kebab} service"]`,
      `  ${s.camel} --> ${s.camel}Db[("${s.kebab} DB")]`,
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
    '  client([Client]) -->|HTTP + JWT| gateway["API gateway<br/>auth, rate limit, routing"]',
    `  broker[["${brokerTitles[spec.broker]}<br/>(in-process without BROKER_URL)"]]`,
    ...services.flatMap((s) => [
      `  gateway -->|/api/${s.kebab}| ${s.camel}["${s.kebab} service"]`,
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
