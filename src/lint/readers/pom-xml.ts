import type { ManifestReader } from './manifest.js';

/** Read with patterns, not an XML parser: a broken pom still yields what it can. */
export const pomXmlReader: ManifestReader = {
  id: 'pom-xml',
  matches: (name) => name === 'pom.xml',
  read(file, text, report) {
    if (!/<project[\s>]/.test(text)) {
      report({ code: 'parse-error', file, message: 'no <project> element' });
      return undefined;
    }
    const withoutParent = text.replace(/<parent>[\s\S]*?<\/parent>/, '').replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/, '');
    const deps = new Set<string>();
    for (const dep of withoutParent.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
      const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(dep[1] ?? '')?.[1];
      const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(dep[1] ?? '')?.[1];
      if (group && artifact) deps.add(`${group}:${artifact}`);
    }
    const name = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(withoutParent.replace(/<dependencies>[\s\S]*?<\/dependencies>|<build>[\s\S]*?<\/build>/g, ''))?.[1];
    return {
      ...(name ? { name } : {}),
      language: 'java',
      dependencies: [...deps].sort(),
      aggregator: /<modules>/.test(text),
    };
  },
};
