/** `arch-init decide`: the recommendation alone. */
import { explain } from '../../decide/explain.js';
import { formatRecommendation } from '../../decide/print.js';
import { recommend } from '../../decide/recommend.js';
import { ExitCode } from '../errors.js';
import { useColor, type Io } from '../io.js';
import type { Dependencies } from '../arch-init.js';
import { gatherAnswers, langOf, type CommonOptions } from './shared.js';

export async function runDecide(options: CommonOptions & Record<string, unknown>, io: Io, deps: Dependencies): Promise<number> {
  const lang = langOf(options, io);
  const recommendation = recommend(await gatherAnswers(options, io, deps.prompter));
  const explanation = explain(recommendation, lang);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(decisionJson(recommendation, explanation, lang), null, 2)}\n`);
  } else {
    io.stdout.write(formatRecommendation(explanation, lang, useColor(io)));
  }
  return ExitCode.ok;
}

export function decisionJson(
  recommendation: ReturnType<typeof recommend>,
  explanation: ReturnType<typeof explain>,
  lang: string,
) {
  return {
    lang,
    answers: recommendation.answers,
    recommendation: {
      pattern: recommendation.pattern,
      base: recommendation.base,
      styles: recommendation.styles,
      combination: explanation.combination,
      ranking: explanation.ranking.map((r) => ({ pattern: r.id, title: r.title, score: r.score })),
      reasons: explanation.reasons,
      against: explanation.against,
      useWhen: explanation.pattern.useWhen,
      complexity: explanation.pattern.complexity,
      benefits: explanation.pattern.benefits,
      costs: explanation.pattern.costs,
    },
  };
}
