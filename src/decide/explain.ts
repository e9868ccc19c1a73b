/**
 * A recommendation put into words, in the language the user chose. The CLI
 * prints it, --json emits it, and the ADR of every generated project records it.
 */
import type { Lang } from '../i18n/text.js';
import { findPattern, questions, type Pattern, type PatternId } from './matrix.js';
import type { Reason, Recommendation } from './recommend.js';

const complexityText = {
  low: { en: 'low', ko: '낮음' },
  medium: { en: 'medium', ko: '중간' },
  high: { en: 'high', ko: '높음' },
} as const;

export interface PatternText {
  id: PatternId;
  title: string;
  useWhen: string;
  complexity: string;
  benefits: string[];
  costs: string[];
}

export interface ReasonText {
  /** The pattern of the combination this answer argues for most. */
  supports: PatternId;
  supportsTitle: string;
  question: string;
  answer: string;
  because: string;
  weight: number;
}

export interface Explanation {
  pattern: PatternText;
  /** "Microservices + Event-driven + CQRS": the combination in one line. */
  combination: string;
  ranking: { id: PatternId; title: string; score: number }[];
  /** Every question with the answer given, in the matrix's order. */
  answers: { question: string; answer: string }[];
  reasons: ReasonText[];
  against: ReasonText[];
}

export function describePattern(pattern: Pattern, lang: Lang): PatternText {
  return {
    id: pattern.id,
    title: pattern.title[lang],
    useWhen: pattern.useWhen[lang],
    complexity: complexityText[pattern.complexity][lang],
    benefits: pattern.benefits.map((t) => t[lang]),
    costs: pattern.costs.map((t) => t[lang]),
  };
}

function describeReason(reason: Reason, lang: Lang): ReasonText {
  const question = questions.find((q) => q.id === reason.question)!;
  return {
    supports: reason.supports,
    supportsTitle: findPattern(reason.supports).title[lang],
    question: question.prompt[lang],
    answer: reason.choice.label[lang],
    because: reason.choice.because[lang],
    weight: reason.weight,
  };
}

export function explain(recommendation: Recommendation, lang: Lang): Explanation {
  const parts: PatternId[] = [recommendation.base, ...recommendation.styles];
  return {
    pattern: describePattern(findPattern(recommendation.pattern), lang),
    combination: parts.map((id) => findPattern(id).title[lang]).join(' + '),
    ranking: recommendation.ranking.map((r) => ({ id: r.pattern, title: findPattern(r.pattern).title[lang], score: r.score })),
    answers: questions.map((q) => ({
      question: q.prompt[lang],
      answer: q.choices.find((c) => c.value === recommendation.answers[q.id])!.label[lang],
    })),
    reasons: recommendation.reasons.map((r) => describeReason(r, lang)),
    against: recommendation.against.map((r) => describeReason(r, lang)),
  };
}
