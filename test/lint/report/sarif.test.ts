import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sarifReport } from '../../../src/lint/report/sarif.js';
import { fixture, lintFixture } from '../helpers.js';

const schema = JSON.parse(readFileSync(fixture('sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
// Both are CommonJS; under nodenext their classes are the `default` of module.exports.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the published schema has a pattern that is only valid without the u flag;
addFormats(ajv);
const validate = ajv.compile(schema);

describe('sarif report', () => {
  it.each(['microservices-legacy', 'microservices-compose', 'rules/service-boundaries/fail'])('is valid SARIF 2.1.0 for %s', async (name) => {
    const log = JSON.parse(sarifReport(await lintFixture(name))) as unknown;
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('uses relative POSIX paths against %SRCROOT% and a help URI per rule', async () => {
    const log = JSON.parse(sarifReport(await lintFixture('rules/service-boundaries/fail'))) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }> }> }>;
    };
    const run = log.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.helpUri.endsWith(`/docs/rules/${r.id}.md`))).toEqual(Array(7).fill(true));
    const located = (run?.results ?? []).filter((r) => r.ruleId === 'service-boundaries').map((r) => r.locations[0]?.physicalLocation);
    expect(located.map((l) => `${l?.artifactLocation.uriBaseId} ${l?.artifactLocation.uri}:${l?.region?.startLine}`)).toEqual([
      '%SRCROOT% services/billing/src/server.ts:2',
      '%SRCROOT% services/billing/src/server.ts:3',
      '%SRCROOT% services/ledger/main.go:6',
      '%SRCROOT% services/returns/src/main/java/com/acme/returns/Returns.java:4',
      '%SRCROOT% services/search/app.py:2',
    ]);
  });

  it('gives every result a location, as GitHub code scanning rejects the whole file otherwise', async () => {
    for (const name of ['rules/service-boundaries/fail', 'dotnet-solution', 'rules/api-gateway/fail', 'microservices-legacy']) {
      const log = JSON.parse(sarifReport(await lintFixture(name))) as { runs: Array<{ results: Array<{ locations?: unknown[] }> }> };
      const results = log.runs[0]?.results ?? [];
      expect(results.length, name).toBeGreaterThan(0);
      expect(results.filter((r) => (r.locations ?? []).length === 0), name).toEqual([]);
    }
  });

  it('catches an invalid log (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});
