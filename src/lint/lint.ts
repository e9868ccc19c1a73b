import { softenKnown, type Baseline } from './baseline.js';
import type { LintConfig } from './config/schema.js';
import { discover } from './discover/index.js';
import { byFileLine, compareText, type RepoModel } from './model.js';
import type { LintResult, ServiceSummary } from './result.js';
import { runRules } from './run-rules.js';
import { sortFindings } from './sort-findings.js';
import { applySuppressions } from './suppress.js';

export interface LintOptions {
  config?: LintConfig;
  baseline?: Baseline;
  version: string;
}

/** dir → RepoModel → rules → suppressions → baseline → one sorted result. */
export async function lint(root: string, options: LintOptions): Promise<{ result: LintResult; model: RepoModel }> {
  const config = options.config ?? {};
  const model = await discover(root, { ...(config.ignore ? { ignore: config.ignore } : {}), ...(config.architecture ? { architecture: config.architecture } : {}) });
  const ran = runRules(model, config.rules);
  const suppressed = await applySuppressions(root, ran.findings, config);
  const findings = sortFindings(options.baseline ? softenKnown(suppressed.kept, options.baseline) : suppressed.kept);
  for (const rule of ran.rules) {
    if (rule.severity === 'off') continue;
    rule.findings = findings.filter((f) => f.rule === rule.id && !f.baselined).length;
    rule.status = rule.findings > 0 ? 'fail' : 'pass';
  }
  const applied = ran.rules.filter((r) => r.status !== 'off');
  const result: LintResult = {
    tool: { name: 'arch-lint', version: options.version },
    intent: model.intent,
    rules: ran.rules,
    findings,
    suppressed: suppressed.suppressed,
    diagnostics: [...model.diagnostics, ...suppressed.diagnostics].sort((a, b) => byFileLine(a, b) || compareText(a.code, b.code)),
    score: { passed: applied.filter((r) => r.status === 'pass').length, total: applied.length },
    services: model.services.map(summarise),
    datastores: model.datastores,
    datastoreUses: model.datastoreUses,
    brokers: model.brokers,
    gateways: model.gateways,
  };
  return { result, model };
}

function summarise(s: RepoModel['services'][number]): ServiceSummary {
  const calls = s.outboundCalls.flatMap((e) => e.target ?? []);
  const brokers = s.brokers.flatMap((e) => e.target ?? []);
  return {
    name: s.name,
    ...(s.dir !== undefined ? { dir: s.dir } : {}),
    language: s.language,
    gateway: s.gateway,
    routes: s.routes,
    calls: [...new Set(calls)].sort(compareText),
    brokers: [...new Set(brokers)].sort(compareText),
    produces: s.produces.length > 0,
    consumes: s.consumes.length > 0,
  };
}
