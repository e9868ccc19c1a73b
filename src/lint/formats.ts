/** Report formats, apart from the reporters so the CLI can list them without loading any. */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'mermaid'] as const;
export type Format = (typeof FORMATS)[number];
