import type { Diagnostic, Language } from '../model.js';

/** What any build manifest tells us about the folder it sits in. */
export interface Manifest {
  file: string;
  dir: string;
  name?: string;
  language: Language;
  dependencies: string[];
  /** A workspace root or multi-module build: it groups other manifests and is no service itself. */
  aggregator: boolean;
  /** The manifest itself says it builds a library (a .csproj that is neither a web app nor an executable). */
  library?: boolean;
  /** Go module path, used to tell which service an import belongs to. */
  modulePath?: string;
}

/** One reader per manifest format, the same shape every time. */
export interface ManifestReader {
  id: string;
  matches(fileName: string): boolean;
  read(file: string, text: string, report: (d: Diagnostic) => void): Omit<Manifest, 'file' | 'dir'> | undefined;
}
