/**
 * The arch-init command line: argument parsing and exit codes only. The work
 * lives in the decide and generate modules, loaded when a command runs so that
 * --help and --version stay fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { patternIds } from '../decide/matrix.js';
import { languages } from '../i18n/text.js';
import { ExitCode, isUsageError } from './errors.js';
import type { Io } from './io.js';
import { addQuestionOptions } from './matrix-options.js';
import { packageVersion } from './version.js';
import { brokers, defaultBroker, gateways, maxReplicas, sagaStyles } from '../spec/choices.js';
import type { Prompter } from './prompter.js';

export interface Dependencies {
  /** Replaces the real prompts in tests. */
  prompter?: Prompter;
  /** Another templates folder, standing in for a newer arch-init in upgrade tests. */
  templates?: string;
}

function program(io: Io, deps: Dependencies, setExit: (code: number) => void): Command {
  const root = new Command('arch-init')
    .description('Recommend a backend architecture with its reasons, then generate a working project for it.')
    .version(packageVersion(), '-V, --version')
    .argument('[directory]', 'where to generate the project (its name becomes the project name)')
    .addOption(new Option('--pattern <pattern>', 'skip the questions and generate this pattern').choices(patternIds))
    .option('--services <names>', 'comma-separated modules/services (default: users,products,orders,payments)')
    .addOption(
      new Option('--broker <broker>', `event-driven and cqrs: the broker in docker-compose and Kubernetes (default: ${defaultBroker})`).choices(
        brokers.filter((broker) => broker !== 'none'),
      ),
    )
    .addOption(
      new Option('--saga <style>', `event-driven and cqrs: how the order saga is coordinated (default: ${sagaStyles[0]})`).choices(sagaStyles),
    )
    .addOption(
      new Option('--gateway <gateway>', 'distributed patterns: what stands at the edge, the Node gateway, NGINX or Kong (default: node)').choices(gateways),
    )
    .option('--database <choices>', 'microservices: a database technology per service, postgres or mysql, e.g. orders=mysql (default: postgres for all)')
    .option('--shards <layouts>', 'microservices: split a service\'s data over databases by id, e.g. products=hash:4 or users=range:4+8+c')
    .option('--replicas <counts>', `distributed patterns: instances per service behind the gateway, e.g. orders=3 (default: 1 each, at most ${maxReplicas})`)
    .option('--answers <file>', 'JSON file with the decision matrix answers')
    .option('-y, --yes', 'take the documented default for every unanswered question; never prompt')
    .option('--dry-run', 'print what would be written and write nothing')
    .option('--force', 'write into a non-empty directory, replacing files the project generates')
    .option('--install', 'run npm install in the generated project')
    .option('--json', 'print the result as JSON for scripts (never prompts)')
    .addOption(new Option('--lang <lang>', 'language of the recommendation and the ADR (default: from the locale)').choices(languages))
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .action(async (directory: string | undefined, options: Record<string, unknown>) => {
      const { runGenerate } = await import('./commands/generate.js');
      setExit(await runGenerate(directory, options, io, deps));
    });
  addQuestionOptions(root);

  const decide = root
    .command('decide')
    .description('Answer the decision matrix and print the recommended architecture with its reasons.')
    .version(packageVersion(), '-V, --version')
    .option('--answers <file>', 'JSON file with the decision matrix answers')
    .option('-y, --yes', 'take the documented default for every unanswered question; never prompt')
    .option('--json', 'print the recommendation as JSON for scripts (never prompts)')
    .addOption(new Option('--lang <lang>', 'language of the recommendation (default: from the locale)').choices(languages))
    .action(async (options: Record<string, unknown>) => {
      const { runDecide } = await import('./commands/decide.js');
      setExit(await runDecide(options, io, deps));
    });
  addQuestionOptions(decide);

  root
    .command('upgrade')
    .description(
      'Re-render a generated project with the current templates and merge the changes into it (three-way: your edits are kept; overlaps get conflict markers).',
    )
    .version(packageVersion(), '-V, --version')
    .argument('[directory]', 'the generated project (default: the current directory)')
    .option('--dry-run', 'print what would change and write nothing')
    .option('--json', 'print the plan as JSON')
    .action(async (directory: string | undefined, options: Record<string, unknown>) => {
      const { runUpgrade } = await import('./commands/upgrade.js');
      setExit(await runUpgrade(directory, options, io, deps.templates));
    });

  root
    .command('split')
    .description(
      'Turn a module of a generated monolith into a service of its own (the strangler fig): its code moves to services/<module>/ with its own database, the monolith calls it over HTTP through a circuit breaker, and a gateway routes to it.',
    )
    .version(packageVersion(), '-V, --version')
    .argument('<module>', 'the module to split out, e.g. products')
    .option('--dir <directory>', 'the generated project (default: the current directory)')
    .option('--dry-run', 'print the plan and the diff, and write nothing')
    .option('--json', 'print the plan as JSON')
    .action(async (module: string, options: Record<string, unknown>) => {
      const { runSplit } = await import('./commands/split.js');
      setExit(await runSplit(module, options, io, deps.templates));
    });

  const add = root
    .command('add')
    .description('Add a part to a generated project, updating everything that must know about it.')
    .version(packageVersion(), '-V, --version');
  add
    .command('service')
    .description('Add a service: its folder from the templates, the gateway route, compose, Kubernetes, arch.json, README diagram and tests.')
    .version(packageVersion(), '-V, --version')
    .argument('<name>', 'the new service (lowercase letters, digits and dashes)')
    .option('--dir <directory>', 'the generated project (default: the current directory)')
    .option('--dry-run', 'print the plan and the diff, and write nothing')
    .option('--json', 'print the plan as JSON')
    .action(async (name: string, options: Record<string, unknown>) => {
      const { runAddService } = await import('./commands/add-service.js');
      setExit(await runAddService(name, options, io, deps.templates));
    });
  add
    .command('consumer')
    .description(
      'Make a service react to an event type (event-driven and cqrs): its handler, wired into its consumer; until you write it, the events wait in the dead letters.',
    )
    .version(packageVersion(), '-V, --version')
    .argument('<service>', 'the service that reacts')
    .argument('<event-type>', 'what it reacts to, e.g. order.confirmed')
    .option('--dir <directory>', 'the generated project (default: the current directory)')
    .option('--dry-run', 'print the plan and the diff, and write nothing')
    .option('--json', 'print the plan as JSON')
    .action(async (service: string, type: string, options: Record<string, unknown>) => {
      const { runAddConsumer } = await import('./commands/add-consumer.js');
      setExit(await runAddConsumer(service, type, options, io, deps.templates));
    });
  add
    .command('saga')
    .description(
      'Add an orchestrated saga (event-driven and cqrs): one service directs the steps and keeps their state; when a step fails, the steps before it are undone, last first. Each step\'s service gets the handlers of its command and its undoing to write.',
    )
    .version(packageVersion(), '-V, --version')
    .argument('<name>', 'the saga, e.g. refund-order (lowercase words joined by dashes)')
    .requiredOption('--in <service>', 'the service that directs it and keeps its state')
    .requiredOption('--steps <steps>', 'its steps in order, as <service>:<action>, e.g. payments:refund,products:restock')
    .option('--dir <directory>', 'the generated project (default: the current directory)')
    .option('--dry-run', 'print the plan and the diff, and write nothing')
    .option('--json', 'print the plan as JSON')
    .action(async (name: string, options: { in: string; steps: string } & Record<string, unknown>) => {
      const { runAddSaga } = await import('./commands/add-saga.js');
      setExit(await runAddSaga(name, options, io, deps.templates));
    });
  return root;
}

/** Runs arch-init with argv (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: Io, deps: Dependencies = {}): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const root = program(io, deps, (code) => (exitCode = code));
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  for (const command of all(root)) {
    command.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  }
  try {
    await root.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

const fileSystemFailures = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EMFILE', 'ENAMETOOLONG']);

function handleError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, successfully.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isUsageError(error)) {
    io.stderr.write(`arch-init: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'InterruptedError')) {
    io.stderr.write(`arch-init: cancelled; nothing was written\n`);
    return 130;
  }
  // The file system refusing a write (permissions, read-only, full disk) is the machine's
  // condition, not a bug: one line, and the atomic write has left the target as it was.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && code !== undefined && fileSystemFailures.has(code)) {
    io.stderr.write(`arch-init: ${error.message}; nothing was changed\n`);
    return ExitCode.failed;
  }
  if (error instanceof Error && error.name === 'InstallError') {
    io.stderr.write(`arch-init: ${error.message}\n`);
    return ExitCode.failed;
  }
  throw error;
}
