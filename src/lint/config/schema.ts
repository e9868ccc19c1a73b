import { z } from 'zod';
import { PATTERNS } from '../model.js';
import { SEVERITIES } from '../rule.js';
import { RULE_IDS } from '../rules/index.js';

const ruleId = z.enum(RULE_IDS as [string, ...string[]]);

/** The arch-lint configuration. Strict: an unknown key is an error, so a typo never silently does nothing. */
export const lintConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  architecture: z.enum(PATTERNS).optional().describe('The intended architecture; overrides arch.json and inference.'),
  rules: z.partialRecord(ruleId, z.enum(SEVERITIES)).optional().describe('Severity per rule: off, warn or error.'),
  ignore: z.array(z.string()).optional().describe('gitignore-style patterns of paths not to read.'),
  suppressions: z
    .array(
      z.strictObject({
        rule: ruleId,
        service: z.string().optional(),
        file: z.string().optional(),
        reason: z.string().trim().min(1, 'a suppression needs a reason'),
      }),
    )
    .optional()
    .describe('Findings to suppress, by rule and optionally service or file; each needs a reason.'),
  baseline: z.string().optional().describe('Baseline file, relative to the linted folder.'),
});

export type LintConfig = z.infer<typeof lintConfigSchema>;

/** The JSON Schema for editors; its file, arch-lint.config.schema.json beside this one, is kept equal by a test. */
export function lintConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(lintConfigSchema, { target: 'draft-7' }) as Record<string, unknown>;
}
