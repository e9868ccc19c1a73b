import { isEnvFile } from '../readers/env-file.js';
import { compareText } from '../model.js';
import { baseName, dirOf, type RepoFiles } from './files.js';
import { isInside, languageOfFile, type ServiceSeed } from './services.js';

const CONFIG_FILE = /^(application|bootstrap)[\w-]*\.(ya?ml|properties)$|^kong[\w.-]*\.ya?ml$|^appsettings[\w.-]*\.json$|^config[\w.-]*\.(json|ya?ml|toml)$|\.properties$/;

/** The files of one service or library folder, by what is read from them. */
export interface Owned {
  code: string[];
  config: string[];
  docker: string[];
  env: string[];
}

export function emptyOwned(): Owned {
  return { code: [], config: [], docker: [], env: [] };
}

/** Longest folder first, so a file belongs to the innermost service or library that contains it. */
export function ownership(seeds: readonly ServiceSeed[], libraries: readonly string[]): string[] {
  const dirs = [...seeds.flatMap((s) => (s.dir === undefined ? [] : [s.dir])), ...libraries];
  return [...new Set(dirs)].sort((a, b) => b.length - a.length || compareText(a, b));
}

export function ownerOf(file: string, owners: readonly string[]): string | undefined {
  return owners.find((dir) => isInside(file, dir));
}

export function groupFiles(files: RepoFiles, owners: readonly string[]): Map<string, Owned> {
  const out = new Map<string, Owned>();
  for (const { path } of files.list) {
    const owner = ownerOf(path, owners);
    if (owner === undefined) continue;
    const group = out.get(owner) ?? emptyOwned();
    out.set(owner, group);
    const name = baseName(path);
    if (languageOfFile(path)) group.code.push(path);
    else if (/^Dockerfile|\.Dockerfile$/.test(name)) group.docker.push(path);
    else if (isEnvFile(name) && dirOf(path) === owner) group.env.push(path);
    else if (CONFIG_FILE.test(name) || (/(^|\/)config\//.test(path) && /\.(json|ya?ml|toml)$/.test(name))) group.config.push(path);
  }
  return out;
}

