/** Where each rule's documentation is published; SARIF help links and `explain` point here. */
export const DOCS_BASE_URL = 'https://github.com/arch-init/arch-init/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
