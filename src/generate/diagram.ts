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

export function diagram(spec: ProjectSpec): string {
  return (spec.pattern === 'monolith' ? monolith(spec) : microservices(spec)).join('\n');
}
