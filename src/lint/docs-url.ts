import { readFileSync } from 'node:fs';

/** What of package.json says where the project lives. */
export interface PackageLinks {
  repository?: string | { url?: string; directory?: string };
  homepage?: string;
}

/** How each code host shows a file of the default branch (HEAD follows whatever the branch is called). */
const HOSTS: Record<string, (repo: string) => string> = {
  'github.com': (repo) => `https://github.com/${repo}/blob/HEAD/`,
  'gitlab.com': (repo) => `https://gitlab.com/${repo}/-/blob/HEAD/`,
  'bitbucket.org': (repo) => `https://bitbucket.org/${repo}/src/HEAD/`,
};
const SHORTCUTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

/**
 * The folder URL of the rule docs (docs/rules/ in the repository), from
 * package.json's `repository`, else its `homepage` when that is a repository
 * page; undefined when neither names a known code host, rather than a
 * made-up link. Accepts the forms npm does: `github:owner/repo`,
 * `owner/repo`, git/https/ssh URLs, and `{ url, directory }`.
 */
export function docsBaseUrl(pkg: PackageLinks): string | undefined {
  const repository = typeof pkg.repository === 'string' ? { url: pkg.repository } : pkg.repository;
  for (const candidate of [repository?.url, pkg.homepage]) {
    const found = candidate === undefined ? undefined : hostedRepo(candidate);
    if (!found) continue;
    const inRepo = candidate === repository?.url ? repository?.directory?.replace(/^\/+|\/+$/g, '') : undefined;
    const directory = inRepo ? `${inRepo}/` : '';
    return `${HOSTS[found.host]?.(found.repo)}${directory}docs/rules/`;
  }
  return undefined;
}

/** The project's home page for SARIF's `informationUri`: homepage, else the repository's page. */
export function homepageUrl(pkg: PackageLinks): string | undefined {
  if (pkg.homepage && /^https?:\/\//.test(pkg.homepage)) return pkg.homepage;
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const found = url === undefined ? undefined : hostedRepo(url);
  return found ? `https://${found.host}/${found.repo}` : undefined;
}

function hostedRepo(spec: string): { host: string; repo: string } | undefined {
  const shortcut = /^(github|gitlab|bitbucket):([\w.-]+\/[\w.-]+)$/.exec(spec);
  if (shortcut?.[1] && shortcut[2]) return { host: SHORTCUTS[shortcut[1]] ?? '', repo: stripGit(shortcut[2]) };
  if (/^[\w.-]+\/[\w.-]+$/.test(spec)) return { host: 'github.com', repo: stripGit(spec) };
  // https://host/o/r, git+https://host/o/r.git, git://host/o/r, git+ssh://git@host/o/r.git, git@host:o/r.git
  const url = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?(?:[#?].*)?$/.exec(spec);
  if (url?.[1] && url[2] && HOSTS[url[1]]) return { host: url[1], repo: url[2] };
  return undefined;
}

function stripGit(repo: string): string {
  return repo.replace(/\.git$/, '');
}

/** ../../package.json from src/lint, dist/lint and dist/bundle alike. */
function ownPackage(): PackageLinks {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageLinks;
}

const own = ownPackage();

/** Where each rule's documentation is published; SARIF help links point here. */
export const DOCS_BASE_URL = docsBaseUrl(own);
export const HOMEPAGE_URL = homepageUrl(own);

export function ruleDocsUrl(id: string): string | undefined {
  return DOCS_BASE_URL === undefined ? undefined : `${DOCS_BASE_URL}${id}.md`;
}
