/** The recommendation as text for a terminal: ranked scores, reasons, and the costs the team accepts. */
import { messages as m } from '../i18n/messages.js';
import type { Lang } from '../i18n/text.js';
import type { Explanation, ReasonText } from './explain.js';

/** Terminal columns: Hangul and other East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

export function formatRecommendation(explanation: Explanation, lang: Lang, color: boolean): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const width = Math.max(...explanation.ranking.map((r) => displayWidth(r.title)));
  // With a combination, each reason says which part of it the answer argues for.
  const tag = (r: ReasonText) => (explanation.combination.includes(' + ') ? `[${r.supportsTitle}] ` : '');
  const lines = [
    `${m.recommendation[lang]}: ${bold(explanation.pattern.title)}`,
    `${m.combination[lang]}: ${explanation.combination}`,
    '',
    `${m.scores[lang]}:`,
    ...explanation.ranking.map(
      (r) => `  ${r.title}${' '.repeat(width - displayWidth(r.title))}  ${String(r.score).padStart(3)}  ${'#'.repeat(Math.round(r.score / 5))}`,
    ),
    '',
    `${m.why[lang]}:`,
    ...explanation.reasons.map((r) => `  + ${tag(r)}${r.because} ${dim(`(${r.answer})`)}`),
  ];
  if (explanation.against.length > 0) {
    lines.push('', `${m.against[lang]}:`, ...explanation.against.map((r) => `  - ${r.because} ${dim(`(${r.answer})`)}`));
  }
  const p = explanation.pattern;
  lines.push(
    '',
    `${m.useWhen[lang]}: ${p.useWhen}`,
    `${m.complexity[lang]}: ${p.complexity}`,
    `${m.benefits[lang]}: ${p.benefits.join('; ')}`,
    `${m.costs[lang]}: ${p.costs.join('; ')}`,
  );
  return `${lines.join('\n')}\n`;
}
