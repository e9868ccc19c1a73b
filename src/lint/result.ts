import type { Broker, Datastore, DatastoreUse, Diagnostic, Gateway, Intent, Language } from './model.js';
import type { Severity } from './rule.js';

export interface Finding {
  rule: string;
  messageId: string;
  severity: Exclude<Severity, 'off'>;
  service?: string;
  file?: string;
  line?: number;
  message: string;
  fix: string;
  /** In the baseline: shown, softened, and never a reason to fail. */
  baselined?: boolean;
}

export interface RuleSummary {
  id: string;
  title: string;
  severity: Severity;
  /** Where the severity came from: the config, or the rule's default for the architecture. */
  severitySource: 'config' | 'architecture';
  /** 'pass' with no new findings, 'fail' with some, 'off' when not applied to this architecture or config. */
  status: 'pass' | 'fail' | 'off';
  findings: number;
  notes: string[];
}

export interface ServiceSummary {
  name: string;
  dir?: string;
  language: Language;
  gateway: boolean;
  routes: string[];
  /** Other services this one calls synchronously, by name. */
  calls: string[];
  brokers: string[];
  /** Whether its source publishes to / consumes from a broker. */
  produces: boolean;
  consumes: boolean;
}

/** Everything a reporter needs; reporters read only this, so they stay pure. */
export interface LintResult {
  tool: { name: 'arch-lint'; version: string };
  intent: Intent;
  rules: RuleSummary[];
  findings: Finding[];
  suppressed: number;
  diagnostics: Diagnostic[];
  score: { passed: number; total: number };
  services: ServiceSummary[];
  datastores: Datastore[];
  datastoreUses: DatastoreUse[];
  brokers: Broker[];
  gateways: Gateway[];
}

/** Non-baselined error findings fail the run. */
export function exitCodeOf(result: LintResult): 0 | 1 {
  return result.findings.some((f) => f.severity === 'error' && !f.baselined) ? 1 : 0;
}
