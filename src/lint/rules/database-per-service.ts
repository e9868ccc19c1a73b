import type { DatastoreUse } from '../model.js';
import { defineRule } from '../rule.js';

export const databasePerService = defineRule({
  id: 'database-per-service',
  meta: {
    title: 'Database per service',
    why: 'Each microservice owns its database and no other service reaches into it; that is what keeps services decoupled and lets each choose the database that fits it. A shared database couples their schemas and deployments.',
    checks: 'Connection strings (compose and Kubernetes environment, .env files, application/appsettings/config files), DB_HOST/DB_NAME pairs, and compose `depends_on` a database container. Two services using the same database host and the same (or an unnamed) database share it.',
    fix: 'Give each service its own database (or at least its own logical database and credentials on a shared server) and expose the data through the owning service\'s API or events; use a saga for work that spans services.',
    limits: 'Connection strings assembled at run time, from secrets or from placeholders (`${DB_URL}`) cannot be followed; two databases on one server are accepted as separate.',
    severity: { monolith: 'off', microservices: 'error', 'event-driven': 'error', cqrs: 'error' },
    messages: {
      sharedDatabase: 'Shares the {kind} database {database} on {host} with {others}.',
    },
  },
  check(model, context) {
    if (model.datastoreUses.length === 0) context.note('no database connection found in compose, Kubernetes, .env or config files');
    const byHost = new Map<string, DatastoreUse[]>();
    for (const use of model.datastoreUses) byHost.set(use.host, [...(byHost.get(use.host) ?? []), use]);
    for (const [host, uses] of byHost) {
      for (const use of uses) {
        const others = uses.filter((o) => o.service !== use.service && (o.database === undefined || use.database === undefined || o.database === use.database));
        const names = [...new Set(others.map((o) => o.service))].sort();
        if (names.length === 0) continue;
        context.report({
          messageId: 'sharedDatabase',
          service: use.service,
          file: use.evidence.file,
          ...(use.evidence.line ? { line: use.evidence.line } : {}),
          data: { kind: use.kind, database: use.database ?? '(unnamed)', host, others: names.join(', ') },
        });
      }
    }
  },
});
