import { describe, expect, it } from 'vitest';
import { render } from '../../../src/lint/report/index.js';
import { textReport } from '../../../src/lint/report/text.js';
import { githubReport } from '../../../src/lint/report/github.js';
import { junitReport } from '../../../src/lint/report/junit.js';
import { lintFixture } from '../helpers.js';

describe('reporters', () => {
  it('give byte-identical output for two runs over the same repository', async () => {
    const [a, b] = await Promise.all([lintFixture('microservices-legacy'), lintFixture('microservices-legacy')]);
    expect(render('json', a, { color: false })).toBe(render('json', b, { color: false }));
  });

  it('text: colours only when asked, and scores the rules that apply', async () => {
    const result = await lintFixture('generated-monolith');
    expect(textReport(result, { color: false })).not.toContain('\u001b[');
    expect(textReport(result, { color: true })).toContain('\u001b[32mScore 3/3\u001b[0m');
  });

  it('text: groups findings under their service and shows each fix once per rule', async () => {
    const text = textReport(await lintFixture('microservices-legacy'), { color: false });
    const headings = text.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('arch-lint') && !l.startsWith('Score'));
    expect(headings).toEqual(['(repository)', 'billing (services/billing, javascript)', 'orders (services/orders, javascript)', 'reports (services/reports, go)', 'Rules', 'Diagnostics (2)']);
    expect(text.match(/fix: Give each service its own database/g)).toHaveLength(1);
    expect(text).toContain('Score 0/7  10 errors, 1 warning');
  });

  it('github: one annotation per finding, escaped so a newline cannot end it', async () => {
    const result = await lintFixture('microservices-legacy');
    const lines = githubReport(result).trimEnd().split('\n');
    expect(lines).toHaveLength(result.findings.length);
    expect(lines.every((l) => /^::(error|warning) /.test(l))).toBe(true);
    expect(lines[0]).toMatch(/^::error file=docker-compose\.yml,line=1,title=arch-lint api-gateway::No API gateway .*%0AFix: /);
  });

  it('junit: error findings fail their rule suite, warnings do not', async () => {
    const xml = junitReport(await lintFixture('microservices-legacy'));
    expect(xml).toMatch(/<testsuites name="arch-lint" tests="\d+" failures="10" errors="0">/);
    expect(xml).toContain('<testsuite name="async-messaging" tests="1" failures="0"');
    expect(xml).toContain('<testsuite name="database-per-service" tests="3" failures="3"');
  });
});
