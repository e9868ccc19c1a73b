/** `arch-init [directory]`: decide (unless --pattern is given), then generate the project. */
import { basename, relative, resolve } from 'node:path';
import { explain } from '../../decide/explain.js';
import { findPattern, patterns, type PatternId } from '../../decide/matrix.js';
import { formatRecommendation } from '../../decide/print.js';
import { recommend, type Recommendation } from '../../decide/recommend.js';
import { generateTree } from '../../generate/plan.js';
import { npmInstall } from '../../generate/install.js';
import { byteLength, sortedPaths, type FileTree } from '../../generate/tree.js';
import { checkTarget, writeTree } from '../../generate/write.js';
import { messages as m } from '../../i18n/messages.js';
import type { Lang } from '../../i18n/text.js';
import { completeAnswers } from '../../decide/collect.js';
import { firstIssueLine } from '../../spec/issues.js';
import { nameProblem, projectNameFrom } from '../../spec/names.js';
import type { Broker, Gateway } from '../../spec/choices.js';
import {
  defaultBroker,
  defaultPort,
  defaultServices,
  messagingPatterns,
  databaseKinds,
  projectSpecSchema,
  sagaStyles,
  type DatabaseKind,
  type ProjectSpec,
  type Sharding,
} from '../../spec/project-spec.js';

type SagaStyle = (typeof sagaStyles)[number];
import { ExitCode, UsageError } from '../errors.js';
import { useColor, type Io } from '../io.js';
import { inquirerPrompter, type Prompter } from '../prompter.js';
import type { Dependencies } from '../arch-init.js';
import { decisionJson } from './decide.js';
import { gatherAnswers, givenAnswers, interactive, langOf, type CommonOptions } from './shared.js';

interface GenerateOptions extends CommonOptions {
  pattern?: PatternId;
  broker?: Exclude<Broker, 'none'>;
  saga?: SagaStyle;
  gateway?: Gateway;
  replicas?: string;
  database?: string;
  shards?: string;
  services?: string;
  dryRun?: boolean;
  force?: boolean;
  install?: boolean;
}

/** The directory picked with --yes and no directory, like create-vite's "vite-project". */
const defaultDirectory = 'arch-app';

/** Spec fields as the user typed them, so an error names the flag rather than an internal path. */
const fieldLabels: Record<string, string> = {
  name: 'directory name',
  services: '--services',
  pattern: '--pattern',
  broker: '--broker',
  saga: '--saga',
  gateway: '--gateway',
  replicas: '--replicas',
  databases: '--database',
  shards: '--shards',
};

function parseServices(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}

async function choosePattern(
  options: GenerateOptions,
  recommendation: Recommendation | undefined,
  lang: Lang,
  prompter: Prompter | undefined,
  io: Io,
): Promise<PatternId> {
  if (options.pattern) return options.pattern;
  if (!recommendation) throw new Error('a recommendation is needed when no --pattern is given');
  if (!interactive(options, io)) return recommendation.pattern;
  // Recommended first, and the default.
  const ordered = [recommendation.pattern, ...patterns.map((p) => p.id).filter((id) => id !== recommendation.pattern)];
  return (prompter ?? inquirerPrompter()).select({
    message: m.choosePattern[lang],
    default: recommendation.pattern,
    choices: ordered.map((id) => ({
      value: id,
      name: id === recommendation.pattern ? `${findPattern(id).title[lang]} (${m.recommended[lang]})` : findPattern(id).title[lang],
    })),
  });
}

async function chooseDirectory(directory: string | undefined, options: GenerateOptions, io: Io, prompter: Prompter | undefined) {
  if (directory !== undefined) return directory;
  if (options.yes) return defaultDirectory;
  if (!interactive(options, io)) throw new UsageError('missing the project directory: arch-init <directory> (or --yes for ./arch-app)');
  return (prompter ?? inquirerPrompter()).input({
    message: m.directory[langOf(options, io)],
    default: defaultDirectory,
    validate: (value) => (projectNameFrom(basename(resolve(value))) ? true : 'needs at least one letter'),
  });
}

async function chooseServices(
  fromFlag: string[] | undefined,
  options: GenerateOptions,
  io: Io,
  prompter: Prompter | undefined,
): Promise<string[]> {
  if (fromFlag) return fromFlag;
  if (!interactive(options, io)) return defaultServices;
  const answer = await (prompter ?? inquirerPrompter()).input({
    message: m.services[langOf(options, io)],
    default: defaultServices.join(','),
    validate: (value) => {
      for (const name of parseServices(value)) {
        const problem = nameProblem(name);
        if (problem) return `"${name}" ${problem}`;
      }
      return true;
    },
  });
  return parseServices(answer);
}

/** The project name the directory gives, once the directory is known to be usable. */
async function checkDirectory(target: string, options: GenerateOptions): Promise<string> {
  const name = projectNameFrom(basename(target));
  if (!name) throw new UsageError(`directory: cannot make a project name from "${basename(target)}" (it needs a letter)`);
  await checkTarget(undefined, target, Boolean(options.force));
  return name;
}

/** Checks --services before any question is asked, so a typo does not cost the user the whole interview. */
function servicesFromFlag(options: GenerateOptions): string[] | undefined {
  if (options.services === undefined) return undefined;
  const services = parseServices(options.services);
  const parsed = projectSpecSchema.shape.services.safeParse(services);
  if (!parsed.success) throw new UsageError(firstIssueLine(parsed.error, () => '--services'));
  return parsed.data;
}

/** `orders=3,products=2` → { orders: 3, products: 2 }; the counts are checked with the rest of the spec. */
function replicasFromFlag(value: string | undefined): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const entries = value.split(',').map((entry) => entry.trim().match(/^([^=\s]+)=(\d+)$/));
  if (entries.some((match) => match === null)) throw new UsageError('--replicas: expected service=count pairs, e.g. orders=3,products=2');
  return Object.fromEntries(entries.map((match) => [match![1]!, Number(match![2])]));
}

/** `users=postgres,orders=mysql` → the services not on PostgreSQL, by name; the names are checked with the rest of the spec. */
function databasesFromFlag(value: string | undefined): Record<string, DatabaseKind> | undefined {
  if (value === undefined) return undefined;
  const entries = value.split(',').map((entry) => entry.trim().match(/^([^=\s]+)=(\S+)$/));
  if (entries.some((match) => match === null)) throw new UsageError('--database: expected service=technology pairs, e.g. users=postgres,orders=mysql');
  const unknown = entries.find((match) => !(databaseKinds as readonly string[]).includes(match![2]!));
  if (unknown) throw new UsageError(`--database: "${unknown[2]}" is not one of ${databaseKinds.join(', ')}`);
  const others = entries.filter((match) => match![2] !== 'postgres');
  return others.length === 0 ? undefined : Object.fromEntries(others.map((match) => [match![1]!, match![2] as DatabaseKind]));
}

/** `products=hash:4,users=range:8` → how each named service's data is split; the counts are checked with the rest of the spec. */
function shardsFromFlag(value: string | undefined): Record<string, Sharding> | undefined {
  if (value === undefined) return undefined;
  const usage = '--shards: expected service=hash:<count> or service=range:<id prefix>+…, e.g. products=hash:4 or users=range:4+8+c';
  // Entries are comma-separated, so a range's boundaries are joined by "+" (users=range:4+8+c).
  const entries = value.split(',').map((entry) => {
    const match = entry.trim().match(/^([^=\s]+)=(hash|range):(\S+)$/);
    if (match === null) throw new UsageError(usage);
    const [, name, by, rest] = match as unknown as [string, string, 'hash' | 'range', string];
    if (by === 'hash') {
      if (!/^\d+$/.test(rest)) throw new UsageError(usage);
      return [name, { by, count: Number(rest) }] as const;
    }
    return [name, { by, from: rest.split('+') }] as const;
  });
  return Object.fromEntries(entries);
}

/** The edge, the instances, the databases and the shards per service, where the user chose them (absent, the spec's defaults hold). */
function deploymentFields(options: GenerateOptions): Pick<ProjectSpec, 'gateway' | 'replicas' | 'databases' | 'shards'> {
  const replicas = replicasFromFlag(options.replicas);
  const databases = databasesFromFlag(options.database);
  const shards = shardsFromFlag(options.shards);
  return {
    ...(options.gateway ? { gateway: options.gateway } : {}),
    ...(replicas ? { replicas } : {}),
    ...(databases ? { databases } : {}),
    ...(shards ? { shards } : {}),
  };
}

/** The broker and saga style: as given, else the defaults where the pattern has messaging. */
function messagingFields(pattern: PatternId, options: GenerateOptions): Pick<ProjectSpec, 'broker' | 'saga'> {
  if (!messagingPatterns.includes(pattern)) {
    const given = options.broker ? '--broker' : options.saga ? '--saga' : undefined;
    if (given) throw new UsageError(`${given}: the ${pattern} pattern has no messaging; choose --pattern event-driven or cqrs`);
    return { broker: 'none' };
  }
  return { broker: options.broker ?? defaultBroker, saga: options.saga ?? sagaStyles[0] };
}

function buildSpec(fields: Omit<ProjectSpec, 'database' | 'port'>): ProjectSpec {
  const parsed = projectSpecSchema.safeParse({ ...fields, database: 'postgres', port: defaultPort(fields.pattern) });
  if (!parsed.success) throw new UsageError(firstIssueLine(parsed.error, (path) => fieldLabels[path.split(/[.[]/)[0] ?? path] ?? path));
  return parsed.data;
}

function listing(tree: FileTree): string {
  return sortedPaths(tree)
    .map((path) => `  ${path} (${byteLength(tree.get(path)!)} bytes)`)
    .join('\n');
}

export async function runGenerate(
  directoryArg: string | undefined,
  options: GenerateOptions & Record<string, unknown>,
  io: Io,
  deps: Dependencies,
): Promise<number> {
  const lang = langOf(options, io);
  const prompter = deps.prompter;
  const services = servicesFromFlag(options);
  const deployment = deploymentFields(options);
  if (options.pattern) messagingFields(options.pattern, options); // a --broker the pattern cannot use fails before any question
  // A directory given on the command line is checked before any question is asked.
  if (directoryArg !== undefined) await checkDirectory(resolve(io.cwd, directoryArg), options);

  // Decide: skipped when --pattern is given, but answers given alongside it are still recorded in the ADR.
  let recommendation: Recommendation | undefined;
  if (options.pattern) {
    const given = await givenAnswers(options);
    if (Object.keys(given).length > 0) {
      recommendation = recommend(await completeAnswers(given, options.yes ? { kind: 'defaults' } : { kind: 'strict' }));
    }
  } else {
    recommendation = recommend(await gatherAnswers(options, io, prompter));
    if (!options.json) io.stdout.write(`${formatRecommendation(explain(recommendation, lang), lang, useColor(io))}\n`);
  }

  const pattern = await choosePattern(options, recommendation, lang, prompter, io);

  const target = resolve(io.cwd, await chooseDirectory(directoryArg, options, io, prompter));
  const name = await checkDirectory(target, options);

  const spec = buildSpec({
    name,
    pattern,
    ...messagingFields(pattern, options),
    ...deployment,
    services: await chooseServices(services, options, io, prompter),
    lang,
    decision: {
      ...(recommendation ? { answers: recommendation.answers, recommended: recommendation.pattern } : {}),
      overridden: recommendation !== undefined && recommendation.pattern !== pattern,
    },
  });

  const tree = generateTree(spec);
  const fromCwd = relative(io.cwd, target);
  const shown = fromCwd === '' ? '.' : fromCwd.startsWith('..') ? target : fromCwd;

  if (options.dryRun) {
    if (options.json) {
      io.stdout.write(`${JSON.stringify(result(spec, target, tree, recommendation, lang, true), null, 2)}\n`);
    } else {
      io.stdout.write(`Would write ${tree.size} files to ${shown} (dry run, nothing written):\n${listing(tree)}\n`);
    }
    return ExitCode.ok;
  }

  await writeTree(tree, target, { force: Boolean(options.force) });
  if (options.install) await npmInstall(target, io);

  if (options.json) {
    io.stdout.write(`${JSON.stringify(result(spec, target, tree, recommendation, lang, false), null, 2)}\n`);
  } else {
    io.stdout.write(
      [
        `Created ${spec.pattern} project "${spec.name}" in ${shown} (${tree.size} files).`,
        '',
        'Next steps:',
        `  cd ${shown}`,
        ...(options.install ? [] : ['  npm install']),
        ...(spec.pattern === 'monolith'
          ? ['  npm run dev        # starts on an embedded PostgreSQL; set DATABASE_URL for a real one']
          : [
              spec.broker === 'none'
                ? '  npm run dev        # the gateway and every service, each on its own embedded PostgreSQL'
                : '  npm run dev        # the gateway and every service on an in-process bus; set BROKER_URL for a broker',
              '  npm run -s token   # a development JWT for the gateway',
            ]),
        '  npm test',
        '',
        'The decision and its reasons: docs/adr/0001-architecture.md',
        '',
      ].join('\n'),
    );
  }
  return ExitCode.ok;
}

function result(
  spec: ProjectSpec,
  target: string,
  tree: FileTree,
  recommendation: Recommendation | undefined,
  lang: Lang,
  dryRun: boolean,
) {
  return {
    target,
    dryRun,
    spec,
    decision: recommendation ? decisionJson(recommendation, explain(recommendation, lang), lang) : null,
    files: sortedPaths(tree),
  };
}
