/**
 * `--help` and `--version` alone are the most common invocations and must
 * start as fast as node itself. Their output is rendered at build time by the
 * real commander programs (see write-quick-answers.ts) and printed from a file
 * here, without loading commander or anything else.
 */
import { readFileSync } from 'node:fs';

export const quickFlags = ['--help', '-h', '--version', '-V'] as const;

export function quickAnswersFile(tool: string): URL {
  return new URL(`../../dist/quick/${tool}.json`, import.meta.url);
}

/** Prints the answer and returns true when argv is a lone --help/--version; false means run the full program. */
export function answerQuickly(tool: string, argv: string[], stdout: NodeJS.WritableStream): boolean {
  if (argv.length !== 1 || !(quickFlags as readonly string[]).includes(argv[0]!)) return false;
  let answers: Record<string, string>;
  try {
    answers = JSON.parse(readFileSync(quickAnswersFile(tool), 'utf8')) as Record<string, string>;
  } catch {
    return false; // not built yet (running from sources): the full program answers
  }
  const answer = answers[argv[0]!];
  if (answer === undefined) return false;
  stdout.write(answer);
  return true;
}
