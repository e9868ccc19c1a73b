import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { FORMATS, type Format } from '../lint/formats.js';
import { ExitCode, isUsageError } from './errors.js';
import type { Io } from './io.js';

/**
 * arch-lint: check a repository against the architecture checklist without
 * running anything in it. Only commander and tiny modules load up front; the
 * linter (readers, YAML, TypeScript's scanner) is imported when it is needed,
 * so `--version` and `--help` start as fast as node itself.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const version = packageVersion();
  let exitCode: number = ExitCode.ok;
  const program = new Command('arch-lint')
    .description('Check a repository against the architecture checklist (service boundaries, database per service, API gateway, circuit breakers, async messaging, tracing, health checks).')
    .version(version, '-V, --version')
    .argument('[dir]', 'repository to check', '.')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('--json', 'shorthand for --format json')
    .option('-c, --config <file>', 'config file (default: arch-lint.config.json/.yaml or package.json#archLint in <dir>)')
    .option('--baseline <file>', 'known findings: reported, but they do not fail the run')
    .option('--update-baseline', 'write the current findings to the baseline file and exit 0')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action(async (dir: string, options: { format: Format; json?: boolean; config?: string; baseline?: string; updateBaseline?: boolean }) => {
      const { runLint } = await import('../lint/run-cli.js');
      exitCode = await runLint(
        {
          dir,
          format: options.json ? 'json' : options.format,
          ...(options.config ? { config: options.config } : {}),
          ...(options.baseline ? { baseline: options.baseline } : {}),
          updateBaseline: options.updateBaseline === true,
          version,
        },
        io,
      );
    });
  program
    .command('explain')
    .description('print the documentation of a rule')
    .argument('<rule>', 'rule id, e.g. database-per-service')
    .action(async (rule: string) => {
      const { explain } = await import('../lint/run-cli.js');
      exitCode = explain(rule, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version also arrive here; commander has already printed what it had to say.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (isUsageError(error)) {
      io.stderr.write(`arch-lint: ERROR: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

/** The package's version; ../../package.json from both src/cli and dist/cli. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
