import type { LintResult } from '../result.js';

/** The discovered architecture as a Mermaid flowchart: gateways, services, datastores, brokers and their links. */
export function mermaidReport(result: LintResult): string {
  const lines = ['flowchart LR'];
  const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const label = (text: string) => text.replace(/"/g, '#quot;');
  const serviceNames = new Set(result.services.map((s) => s.name));
  // A config file found beside a gateway container describes that same gateway: draw it once.
  const running = result.gateways.filter((g) => !serviceNames.has(g.name) && g.name !== g.declaredAt.file);
  const gateways = running.length > 0 || result.services.some((s) => s.gateway) ? running : result.gateways.filter((g) => !serviceNames.has(g.name));
  for (const g of dedupeByName(gateways)) lines.push(`  ${id('gw', g.name)}[["${label(`${g.name} (${g.kind})`)}"]]`);
  for (const s of result.services) lines.push(`  ${id('svc', s.name)}${s.gateway ? '[[' : '['}"${label(`${s.name} (${s.language})`)}"${s.gateway ? ']]' : ']'}`);
  for (const d of result.datastores) lines.push(`  ${id('db', d.host)}[("${label(`${d.host} (${d.kind})`)}")]`);
  for (const b of result.brokers) lines.push(`  ${id('mq', b.host)}{{"${label(`${b.host} (${b.kind})`)}"}}`);
  // Gateways stand as entry points without edges: which routes they serve is not read, and a guessed fan-out would mislead.
  for (const s of result.services) {
    for (const target of s.calls) if (serviceNames.has(target)) lines.push(`  ${id('svc', s.name)} -->|HTTP| ${id('svc', target)}`);
    for (const broker of s.brokers) {
      // Direction where the source shows it; a dotted link where it does not.
      if (s.produces) lines.push(`  ${id('svc', s.name)} -->|publishes| ${id('mq', broker)}`);
      if (s.consumes) lines.push(`  ${id('mq', broker)} -->|delivers| ${id('svc', s.name)}`);
      if (!s.produces && !s.consumes) lines.push(`  ${id('svc', s.name)} -.- ${id('mq', broker)}`);
    }
  }
  for (const u of result.datastoreUses) lines.push(`  ${id('svc', u.service)} --> ${id('db', u.host)}`);
  return `${[...new Set(lines)].join('\n')}\n`;
}

function dedupeByName<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.name) && seen.add(item.name) !== undefined);
}
