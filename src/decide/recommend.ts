/**
 * Scores every pattern of the matrix against a team's answers and explains the
 * result in the guide's terms. Pure: the same answers give the same result.
 */
import { patterns, questions, type Choice, type Pattern, type PatternId, type Question } from './matrix.js';

export type Answers = Record<string, string>;

export interface PatternScore {
  pattern: PatternId;
  /** 0 (every answer argues against) to 100 (every answer argues for). */
  score: number;
}

export interface Reason {
  question: string;
  answer: string;
  /** How strongly the answer argues for (+) or against (-) the recommended pattern. */
  weight: number;
  /** The part of the combination this answer argues for most. */
  supports: PatternId;
  choice: Choice;
}

export interface Recommendation {
  answers: Answers;
  ranking: PatternScore[];
  /** The top-ranked pattern: what arch-init generates unless the user overrides it. */
  pattern: PatternId;
  /** The deployment shape underneath: one application or many services. */
  base: 'monolith' | 'microservices';
  /** Styles strong enough to combine with the base (event-driven, CQRS). */
  styles: PatternId[];
  /** Answers that argue for the recommended pattern, strongest first. */
  reasons: Reason[];
  /** Answers that argue against it: what the team should watch. */
  against: Reason[];
}

/** A style joins the recommendation when its score reaches this share of the maximum. */
export const styleThreshold = 60;

const complexityRank: Record<Pattern['complexity'], number> = { low: 0, medium: 1, high: 2 };

function choiceOf(question: Question, answers: Answers): Choice {
  const value = answers[question.id];
  const choice = question.choices.find((c) => c.value === value);
  // Answers are validated against the matrix before they reach here.
  if (!choice) throw new Error(`answer ${question.id}=${String(value)} is not in the matrix`);
  return choice;
}

function score(pattern: PatternId, answers: Answers): number {
  let raw = 0;
  let min = 0;
  let max = 0;
  for (const question of questions) {
    const weights = question.choices.map((c) => c.weights[pattern]);
    raw += choiceOf(question, answers).weights[pattern];
    min += Math.min(...weights);
    max += Math.max(...weights);
  }
  return max === min ? 50 : Math.round((100 * (raw - min)) / (max - min));
}

function reasonsFor(pattern: PatternId, combination: PatternId[], answers: Answers, sign: 1 | -1): Reason[] {
  return questions
    .map((question) => {
      const choice = choiceOf(question, answers);
      const supports = combination.reduce((best, id) => (choice.weights[id] > choice.weights[best] ? id : best), pattern);
      return { question: question.id, answer: choice.value, weight: choice.weights[pattern], supports, choice };
    })
    .filter((reason) => reason.weight * sign > 0)
    .sort((a, b) => (b.weight - a.weight) * sign);
}

export function recommend(answers: Answers): Recommendation {
  const ranking = patterns
    .map((p) => ({ pattern: p.id, score: score(p.id, answers), complexity: complexityRank[p.complexity] }))
    // On a tie the simpler pattern wins: the guide starts simple and grows.
    .sort((a, b) => b.score - a.score || a.complexity - b.complexity)
    .map(({ pattern, score }) => ({ pattern, score }));

  const top = ranking[0]!.pattern;
  const scoreOf = (id: PatternId) => ranking.find((r) => r.pattern === id)!.score;
  const base = scoreOf('microservices') > scoreOf('monolith') ? 'microservices' : 'monolith';
  const styles = (['event-driven', 'cqrs'] as const).filter(
    (id) => id === top || scoreOf(id) >= styleThreshold,
  );

  return {
    answers,
    ranking,
    pattern: top,
    base,
    styles,
    reasons: reasonsFor(top, [base, ...styles], answers, 1),
    against: reasonsFor(top, [base, ...styles], answers, -1),
  };
}

/** The answers the documented defaults give (what --yes takes for every unanswered question). */
export function defaultAnswers(): Answers {
  return Object.fromEntries(questions.map((q) => [q.id, q.defaultValue]));
}
