/** The answers to the decision questions, validated against the matrix itself. */
import { z } from 'zod';
import { questions } from '../decide/matrix.js';
import type { Answers } from '../decide/recommend.js';

const shape = Object.fromEntries(
  questions.map((q) => [q.id, z.enum(q.choices.map((c) => c.value) as [string, ...string[]]).optional()]),
);

/** Every question is optional here: missing answers are reported together, by name. */
export const partialAnswersSchema = z.strictObject(shape);

export type PartialAnswers = Partial<Answers>;

export function missingAnswers(answers: PartialAnswers): string[] {
  return questions.filter((q) => answers[q.id] === undefined).map((q) => q.id);
}
