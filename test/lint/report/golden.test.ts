import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/lint/report/index.js';
import { FORMATS } from '../../../src/lint/formats.js';
import { expectGolden } from '../golden.js';
import { FIXTURES, lintFixture } from '../helpers.js';

const EXTENSIONS = { text: 'txt', json: 'json', sarif: 'sarif', junit: 'xml', github: 'github.txt', mermaid: 'mmd' } as const;

const GOLDEN_FIXTURES = ['microservices-legacy', 'microservices-compose', 'generated-monolith'];

it('the golden folder holds exactly the goldens below, so a stale one cannot linger', () => {
  const expected = GOLDEN_FIXTURES.flatMap((name) => FORMATS.map((format) => `${name}.${EXTENSIONS[format]}`)).sort();
  expect(readdirSync(path.join(FIXTURES, 'golden')).sort()).toEqual(expected);
});

/** Every format for a repository that fails every rule, one that passes them all, and the generated monolith. */
describe.each(GOLDEN_FIXTURES)('reports of %s', (name) => {
  for (const format of FORMATS) {
    it(`${format} matches test/fixtures/lint/golden/${name}.${EXTENSIONS[format]}`, async () => {
      const result = await lintFixture(name);
      expectGolden(path.join(FIXTURES, 'golden', `${name}.${EXTENSIONS[format]}`), render(format, result, { color: false }));
    });
  }
});
