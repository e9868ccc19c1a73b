/**
 * Gathers the answers to the matrix from the answers file, the flags, and then
 * either the prompts (on a terminal), the documented defaults (--yes), or an
 * error naming every missing answer. Never waits on a stdin that is not a TTY.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../cli/errors.js';
import type { Prompter } from '../cli/prompter.js';
import type { Lang } from '../i18n/text.js';
import { missingAnswers, partialAnswersSchema, type PartialAnswers } from '../spec/answers.js';
import { firstIssueLine } from '../spec/issues.js';
import { questions } from './matrix.js';
import type { Answers } from './recommend.js';

export async function readAnswersFile(path: string): Promise<PartialAnswers> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--answers ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--answers ${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = partialAnswersSchema.safeParse(data);
  if (!parsed.success) throw new UsageError(`--answers ${path}: ${firstIssueLine(parsed.error)}`);
  return parsed.data as PartialAnswers;
}

export type AnswerMode = { kind: 'prompt'; prompter: Prompter; lang: Lang } | { kind: 'defaults' } | { kind: 'strict' };

export async function completeAnswers(given: PartialAnswers, mode: AnswerMode): Promise<Answers> {
  const answers: PartialAnswers = { ...given };
  const missing = missingAnswers(answers);
  if (missing.length === 0) return answers as Answers;
  if (mode.kind === 'strict') {
    const flags = questions.filter((q) => missing.includes(q.id)).map((q) => `${q.id} (${q.flag})`);
    throw new UsageError(
      `missing answers: ${flags.join(', ')}; give them as flags or in --answers, or pass --yes to take the defaults`,
    );
  }
  for (const question of questions) {
    if (answers[question.id] !== undefined) continue;
    answers[question.id] =
      mode.kind === 'defaults'
        ? question.defaultValue
        : await mode.prompter.select({
            message: question.prompt[mode.lang],
            choices: question.choices.map((c) => ({ name: c.label[mode.lang], value: c.value })),
            default: question.defaultValue,
          });
  }
  return answers as Answers;
}
