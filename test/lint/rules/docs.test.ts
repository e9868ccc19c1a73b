import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDoc } from '../../../src/lint/rule-doc.js';
import { RULES } from '../../../src/lint/rules/index.js';
import { expectGolden } from '../golden.js';

const DOCS_DIR = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));
const REQUIRED_HEADINGS = ['## Why', '## What it checks', '## How to fix', '## Severity by architecture', '## Messages', '## Limits'];

describe('rule docs', () => {
  for (const rule of RULES) {
    it(`docs/rules/${rule.id}.md is the generated doc of ${rule.id}, with the required headings`, () => {
      const doc = ruleDoc(rule);
      const headings = doc.split('\n').filter((l) => l.startsWith('## '));
      expect(headings).toEqual(REQUIRED_HEADINGS);
      expect(doc.startsWith(`# ${rule.id}: `)).toBe(true);
      expectGolden(path.join(DOCS_DIR, `${rule.id}.md`), doc);
    });
  }
});
