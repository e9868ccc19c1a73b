import type { ManifestReader } from './manifest.js';

export const gradleReader: ManifestReader = {
  id: 'gradle',
  matches: (name) => name === 'build.gradle' || name === 'build.gradle.kts',
  read(file, text) {
    const deps = new Set<string>();
    const coordinate = /\b(?:implementation|api|compile|runtimeOnly|compileOnly)\s*\(?\s*["']([^:"'\s]+):([^:"'\s]+)(?::[^"']*)?["']/g;
    for (const m of text.matchAll(coordinate)) deps.add(`${m[1]}:${m[2]}`);
    return {
      language: file.endsWith('.kts') || /\bkotlin\(/.test(text) ? 'kotlin' : 'java',
      dependencies: [...deps].sort(),
      aggregator: false,
    };
  },
};
