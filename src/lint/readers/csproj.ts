import type { ManifestReader } from './manifest.js';

/**
 * .NET projects: NuGet packages (lower-cased, as NuGet ids are case-insensitive)
 * and project references (by project name, so shared projects are found as
 * libraries). A web SDK or an executable is a service; an Aspire AppHost only
 * orchestrates others.
 */
export const csprojReader: ManifestReader = {
  id: 'csproj',
  matches: (name) => name.endsWith('.csproj'),
  read(file, text) {
    const deps = new Set<string>();
    for (const m of text.matchAll(/<PackageReference\s+Include\s*=\s*"([^"]+)"/g)) if (m[1]) deps.add(m[1].toLowerCase());
    for (const m of text.matchAll(/<ProjectReference\s+Include\s*=\s*"([^"]+)"/g)) {
      const project = m[1]?.split(/[\\/]/).pop()?.replace(/\.csproj$/, '');
      if (project) deps.add(project);
    }
    const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.csproj$/, '');
    const web = /Sdk\s*=\s*"Microsoft\.NET\.Sdk\.(Web|Worker)"/.test(text);
    const exe = /<OutputType>\s*(Win)?Exe\s*<\/OutputType>/i.test(text);
    return {
      name,
      language: 'csharp',
      dependencies: [...deps].sort(),
      aggregator: /Aspire\.AppHost\.Sdk|<IsAspireHost>\s*true/i.test(text),
      library: !web && !exe,
    };
  },
};
