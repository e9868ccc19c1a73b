import type { Pattern, RepoModel } from './model.js';

export type Severity = 'off' | 'warn' | 'error';
export const SEVERITIES = ['off', 'warn', 'error'] as const;

/** All user-facing text of a rule, kept as data so docs, `explain` and SARIF read the same words. */
export interface RuleMeta<MessageId extends string> {
  title: string;
  /** Why it matters, in the terms of the architecture guide. */
  why: string;
  /** What the rule looks at, so users know what a pass means. */
  checks: string;
  fix: string;
  /** What the rule cannot see; printed so a pass is never mistaken for proof. */
  limits: string;
  severity: Record<Pattern, Severity>;
  /** Message templates; `{name}` is filled from the report's data. Tests assert ids, never the text. */
  messages: Record<MessageId, string>;
}

export interface Report<MessageId extends string> {
  messageId: MessageId;
  service?: string;
  file?: string;
  line?: number;
  data?: Record<string, string | number>;
}

export interface RuleContext<MessageId extends string> {
  report(report: Report<MessageId>): void;
  /** Something the rule could not check here; shown beside the verdict. */
  note(text: string): void;
}

export interface Rule<MessageId extends string = string> {
  id: string;
  meta: RuleMeta<MessageId>;
  check(model: RepoModel, context: RuleContext<MessageId>): void;
}

/** Keeps each rule's message ids typed while the registry holds them side by side. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
