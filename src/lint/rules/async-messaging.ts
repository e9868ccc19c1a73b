import { defineRule } from '../rule.js';
import { appServices, repositoryAnchor } from '../rule-helpers.js';

export const asyncMessaging = defineRule({
  id: 'async-messaging',
  meta: {
    title: 'Asynchronous communication first',
    why: 'Asynchronous messaging lowers coupling and absorbs load: Kafka for high-volume event streams, log aggregation and CDC; RabbitMQ for work queues that need complex routing. Chains of synchronous calls add latency and partial failures.',
    checks: 'A message broker (Kafka, RabbitMQ, NATS, Pulsar, ActiveMQ, SQS/SNS) in compose, in a connection string, or as a client library; in event-driven and CQRS repositories, that every service is connected to it; in microservices, that services calling others synchronously also use the broker.',
    fix: 'Add a broker and publish domain events (e.g. OrderPlaced) that other services consume, instead of calling them synchronously; in CQRS, feed the read model from the write model\'s events.',
    limits: 'Producers and consumers are not told apart; a broker client that is installed but unused counts as connected.',
    severity: { monolith: 'off', microservices: 'warn', 'event-driven': 'error', cqrs: 'error' },
    messages: {
      noBroker: 'No message broker found between the services.',
      notOnBroker: 'Is not connected to a message broker.',
      syncOnly: 'Calls other services synchronously ({evidence}) and uses no message broker.',
    },
  },
  check(model, context) {
    const apps = appServices(model);
    if (apps.length < 2) {
      context.note(`${apps.length} service found; messaging between services needs several`);
      return;
    }
    const anyBroker = model.brokers.length > 0 || apps.some((s) => s.brokers.length > 0);
    if (!anyBroker) {
      context.report({ messageId: 'noBroker', ...repositoryAnchor(model) });
      return;
    }
    const everyService = model.intent.pattern === 'event-driven' || model.intent.pattern === 'cqrs';
    for (const s of apps) {
      if (s.brokers.length > 0) continue;
      const sync = s.outboundCalls.find((e) => e.target !== undefined);
      if (everyService) context.report({ messageId: 'notOnBroker', service: s.name, file: s.declaredAt.file, ...(s.declaredAt.line ? { line: s.declaredAt.line } : {}) });
      else if (sync) context.report({ messageId: 'syncOnly', service: s.name, file: sync.file, ...(sync.line ? { line: sync.line } : {}), data: { evidence: sync.detail } });
    }
  },
});
