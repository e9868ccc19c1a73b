/**
 * The prompts the interactive flow asks, behind a small interface so tests
 * can answer them. The real one loads @inquirer/prompts only when asked.
 */
export interface SelectChoice<T extends string> {
  name: string;
  value: T;
  description?: string;
  /** Shown but not selectable; the text says why. */
  disabled?: string;
}

export interface Prompter {
  select<T extends string>(options: { message: string; choices: SelectChoice<T>[]; default?: T }): Promise<T>;
  input(options: { message: string; default?: string; validate?: (value: string) => string | true }): Promise<string>;
}

export function inquirerPrompter(): Prompter {
  return {
    async select(options) {
      const { select } = await import('@inquirer/prompts');
      return select(options);
    },
    async input(options) {
      const { input } = await import('@inquirer/prompts');
      return input(options);
    },
  };
}

/** Ctrl-C inside a prompt: @inquirer/prompts rejects with this error name. */
export function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
