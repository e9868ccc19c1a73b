import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_BASE_URL, docsBaseUrl, homepageUrl, type PackageLinks } from '../../../src/lint/docs-url.js';

describe('rule docs URL', () => {
  it.each<[PackageLinks, string | undefined]>([
    [{ repository: 'github:acme/tool' }, 'https://github.com/acme/tool/blob/HEAD/docs/rules/'],
    [{ repository: 'acme/tool' }, 'https://github.com/acme/tool/blob/HEAD/docs/rules/'],
    [{ repository: 'gitlab:acme/tool' }, 'https://gitlab.com/acme/tool/-/blob/HEAD/docs/rules/'],
    [{ repository: 'bitbucket:acme/tool' }, 'https://bitbucket.org/acme/tool/src/HEAD/docs/rules/'],
    [{ repository: 'git+https://github.com/acme/tool.git' }, 'https://github.com/acme/tool/blob/HEAD/docs/rules/'],
    [{ repository: 'git+ssh://git@github.com/acme/tool.git' }, 'https://github.com/acme/tool/blob/HEAD/docs/rules/'],
    [{ repository: 'git@gitlab.com:acme/tool.git' }, 'https://gitlab.com/acme/tool/-/blob/HEAD/docs/rules/'],
    [{ repository: { url: 'https://github.com/acme/mono', directory: 'packages/tool' } }, 'https://github.com/acme/mono/blob/HEAD/packages/tool/docs/rules/'],
    [{ homepage: 'https://github.com/acme/tool#readme' }, 'https://github.com/acme/tool/blob/HEAD/docs/rules/'],
    // A website or a self-hosted forge: no guessing at how it shows a file.
    [{ homepage: 'https://tool.example.com' }, undefined],
    [{ repository: 'https://git.example.com/acme/tool.git' }, undefined],
    [{}, undefined],
  ])('%j -> %s', (pkg, expected) => {
    expect(docsBaseUrl(pkg)).toBe(expected);
  });

  it('the home page is package.json#homepage, else the repository page', () => {
    expect(homepageUrl({ repository: 'github:acme/tool', homepage: 'https://tool.example.com' })).toBe('https://tool.example.com');
    expect(homepageUrl({ repository: 'github:acme/tool' })).toBe('https://github.com/acme/tool');
    expect(homepageUrl({})).toBeUndefined();
  });

  it('comes from our own package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as PackageLinks;
    expect(DOCS_BASE_URL).toBe(docsBaseUrl(pkg));
  });
});
