import { defineRule } from '../rule.js';
import { ownerOfSpecifier, serviceOfFile } from '../rule-helpers.js';

const MODULE = /^(.*?(?:^|\/)modules)\/([^/]+)\/(.*)$/;
const PUBLIC_ENTRY = /^index\.(?:[cm]?[jt]sx?)$/;

export const serviceBoundaries = defineRule({
  id: 'service-boundaries',
  meta: {
    title: 'Clear service boundaries',
    why: 'Clear boundaries (DDD) keep services independently deployable; a service that reaches into another\'s internals brings back the tight coupling of a monolith, so one change or one bug spreads across both.',
    checks: 'The import graph of TS/JS (relative and package imports), Go (module paths), Java/Kotlin (packages) and Python (top-level packages): an import from one service into another service\'s code. In every architecture, an import from `modules/<a>/` into `modules/<b>/` that is not `modules/<b>/index`.',
    fix: 'Call the other service through its API or an event, or move the shared code into a library package both depend on. Inside a monolith, import another module only through its `index` (its public interface).',
    limits: 'TS path aliases (tsconfig `paths`) and C# namespaces are not followed; Go, Java and Python imports are read as text, so generated or reflective references are not seen.',
    severity: { monolith: 'error', microservices: 'error', 'event-driven': 'error', cqrs: 'error' },
    messages: {
      crossService: 'Imports {specifier} from service {target}: another service\'s internals.',
      moduleInternals: 'Module {module} imports {specifier} from the internals of module {target}; import its index instead.',
    },
  },
  check(model, context) {
    if (model.imports.length === 0) context.note('no source imports found to check');
    for (const edge of model.imports) {
      const from = serviceOfFile(model, edge.from);
      const targetService = edge.target !== undefined ? serviceOfFile(model, edge.target)?.name : ownerOfSpecifier(model, edge);
      if (from && targetService && targetService !== from.name) {
        context.report({ messageId: 'crossService', service: from.name, file: edge.from, line: edge.line, data: { specifier: edge.specifier, target: targetService } });
        continue;
      }
      const source = MODULE.exec(edge.from);
      const target = edge.target === undefined ? undefined : MODULE.exec(edge.target);
      if (source && target && source[1] === target[1] && source[2] !== target[2] && (target[3] ?? '') !== '' && !PUBLIC_ENTRY.test(target[3] ?? '')) {
        context.report({
          messageId: 'moduleInternals',
          ...(from ? { service: from.name } : {}),
          file: edge.from,
          line: edge.line,
          data: { module: source[2] ?? '', specifier: edge.specifier, target: target[2] ?? '' },
        });
      }
    }
  },
});
