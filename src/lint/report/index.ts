import type { LintResult } from '../result.js';
import { githubReport } from './github.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { mermaidReport } from './mermaid.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';

import type { Format } from '../formats.js';

export function render(format: Format, result: LintResult, options: { color: boolean }): string {
  switch (format) {
    case 'text':
      return textReport(result, options);
    case 'json':
      return jsonReport(result);
    case 'sarif':
      return sarifReport(result);
    case 'junit':
      return junitReport(result);
    case 'github':
      return githubReport(result);
    case 'mermaid':
      return mermaidReport(result);
  }
}
