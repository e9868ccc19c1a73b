/** What decide and generate share: the language and how the matrix answers are gathered. */
import { completeAnswers, readAnswersFile, type AnswerMode } from '../../decide/collect.js';
import type { Answers } from '../../decide/recommend.js';
import { detectLang, type Lang } from '../../i18n/text.js';
import type { PartialAnswers } from '../../spec/answers.js';
import type { Io } from '../io.js';
import { answersFromOptions } from '../matrix-options.js';
import { inquirerPrompter, type Prompter } from '../prompter.js';

export interface CommonOptions {
  answers?: string;
  yes?: boolean;
  json?: boolean;
  lang?: string;
}

export function langOf(options: CommonOptions, io: Io): Lang {
  return detectLang(options.lang, io.env);
}

/** Prompts only on a terminal and only when the user did not ask for a machine-readable or unattended run. */
export function interactive(options: CommonOptions, io: Io): boolean {
  return io.stdinIsTTY && !options.yes && !options.json;
}

export function answerMode(options: CommonOptions, io: Io, prompter: Prompter | undefined): AnswerMode {
  if (options.yes) return { kind: 'defaults' };
  if (interactive(options, io)) return { kind: 'prompt', prompter: prompter ?? inquirerPrompter(), lang: langOf(options, io) };
  return { kind: 'strict' };
}

/** The answers file first, then the flags on top of it: a flag is the more specific choice. */
export async function givenAnswers(options: CommonOptions & Record<string, unknown>): Promise<PartialAnswers> {
  const fromFile = options.answers ? await readAnswersFile(options.answers) : {};
  return { ...fromFile, ...answersFromOptions(options) };
}

export async function gatherAnswers(
  options: CommonOptions & Record<string, unknown>,
  io: Io,
  prompter: Prompter | undefined,
): Promise<Answers> {
  return completeAnswers(await givenAnswers(options), answerMode(options, io, prompter));
}
