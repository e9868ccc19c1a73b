/** The Mermaid diagram of a generated project's parts, for its README. */
import type { ProjectSpec } from '../spec/project-spec.js';
import { nameForms } from '../spec/names.js';
import { hasPlaceOrderFlow } from './context.js';

export function diagram(spec: ProjectSpec): string {
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
  return lines.join('\n');
}
