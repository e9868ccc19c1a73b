/** One command-line option per matrix question, with the allowed answers listed in --help. */
import { Option, type Command } from 'commander';
import { questions } from '../decide/matrix.js';

export function addQuestionOptions(command: Command): Command {
  for (const question of questions) {
    const values = question.choices.map((c) => c.value);
    command.addOption(
      new Option(`${question.flag} <answer>`, `${question.prompt.en} (default with --yes: ${question.defaultValue})`)
        .choices(values)
        .helpGroup('Decision matrix answers:'),
    );
  }
  return command;
}

/** Reads the answers given as flags; commander has already checked each value against its choices. */
export function answersFromOptions(options: Record<string, unknown>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const value = options[question.id];
    if (typeof value === 'string') answers[question.id] = value;
  }
  return answers;
}
