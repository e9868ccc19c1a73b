import { csprojReader } from './csproj.js';
import { goModReader } from './go-mod.js';
import { gradleReader } from './gradle.js';
import type { ManifestReader } from './manifest.js';
import { packageJsonReader } from './package-json.js';
import { pomXmlReader } from './pom-xml.js';
import { pyprojectReader, requirementsReader } from './python.js';

/** Every manifest format, in the order a folder with several is described by (the first that reads wins the language). */
export const MANIFEST_READERS: readonly ManifestReader[] = [
  goModReader, pomXmlReader, gradleReader, csprojReader, pyprojectReader, requirementsReader, packageJsonReader,
];
