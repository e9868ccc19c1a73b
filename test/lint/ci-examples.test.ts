import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/arch-lint.js';
import { memoryIo } from './cli-io.js';
import { fixture } from './helpers.js';

const CI = new URL('../../examples/ci/', import.meta.url);
const SHELL_OPERATORS = new Set(['>', '>>', '|', '||', '&&', ';', '2>&1']);
/** Where CI systems keep shell commands: GitHub Actions steps, GitLab CI jobs. */
const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script']);

interface Invocation {
  file: string;
  line: string;
  args: string[];
  /** The file the report is redirected into, if any. */
  output?: string;
}

function shellLines(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return SCRIPT_KEYS.has(key) ? node.split('\n') : [];
  if (Array.isArray(node)) return node.flatMap((item) => shellLines(item, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => shellLines(v, SCRIPT_KEYS.has(key) ? key : k));
  return [];
}

/** Every arch-lint command in a CI file, with its arguments up to the first shell operator. */
function invocations(file: string): Invocation[] {
  const found: Invocation[] = [];
  for (const line of shellLines(parse(readFileSync(new URL(file, CI), 'utf8')))) {
    const words = line.trim().split(/\s+/);
    const at = words.indexOf('arch-lint');
    if (at < 0) continue;
    const rest = words.slice(at + 1);
    const end = rest.findIndex((w) => SHELL_OPERATORS.has(w));
    const args = end < 0 ? rest : rest.slice(0, end);
    const output = end >= 0 && rest[end] === '>' ? rest[end + 1] : undefined;
    found.push({ file, line: line.trim(), args, ...(output ? { output } : {}) });
  }
  return found;
}

/** The options arch-lint's own --help lists, with the values each one allows where it says. */
async function cliOptions(): Promise<Map<string, string[] | undefined>> {
  const io = memoryIo(fixture('.'));
  expect(await main(['--help'], io)).toBe(0);
  const help = io.err() + io.out();
  const section = help.slice(help.indexOf('Options:'), help.indexOf('Commands:'));
  // One entry per option: commander wraps long descriptions onto indented lines.
  const entries = section.split(/\n(?=\s{2}-)/).map((e) => e.replace(/\s+/g, ' ').trim());
  const options = new Map<string, string[] | undefined>();
  for (const entry of entries) {
    const flags = /^((?:-[\w-]+(?:, )?)+)/.exec(entry)?.[1]?.split(', ') ?? [];
    const choices = /\(choices: (.*?)(?:, default:.*)?\)/.exec(entry)?.[1]?.match(/"[^"]*"/g)?.map((c) => c.slice(1, -1));
    const takesValue = /^[^ ]+(?:, [^ ]+)? <[^>]+>/.test(entry);
    for (const flag of flags) options.set(flag, takesValue ? (choices ?? []) : undefined);
  }
  return options;
}

const files = readdirSync(CI).filter((f) => /\.ya?ml$/.test(f)).sort();
const all = files.flatMap(invocations);

describe('examples/ci', () => {
  it('has GitHub Actions and GitLab CI examples that run arch-lint', () => {
    expect(files).toEqual(['github-actions.yml', 'gitlab-ci.yml']);
    for (const file of files) expect(invocations(file).length, file).toBeGreaterThan(0);
  });

  it('uses only options and formats that arch-lint --help lists', async () => {
    const options = await cliOptions();
    expect(options.get('--format')).toContain('sarif'); // the help parser itself works
    for (const { file, line, args } of all) {
      for (let i = 0; i < args.length; i++) {
        const [flag = '', inline] = (args[i] ?? '').split('=', 2);
        if (!flag.startsWith('-')) continue;
        expect(options.has(flag), `${file}: ${line}: ${flag} is not an arch-lint option`).toBe(true);
        const allowed = options.get(flag);
        if (allowed === undefined) continue;
        const value = inline ?? args[++i];
        expect(value, `${file}: ${line}: ${flag} needs a value`).toBeDefined();
        if (allowed.length > 0) expect(allowed, `${file}: ${line}: ${flag} ${value}`).toContain(value);
      }
    }
  });

  it.each(all.map((inv) => [`${inv.file}: ${inv.line}`, inv] as const))('%s runs, and reports in its format', async (_, { args }) => {
    const io = memoryIo(fixture('microservices-legacy'));
    const code = await main(args, io);
    expect(io.err()).toBe('');
    expect(code).toBe(1); // the fixture has findings at error level: the CI job fails, as it should
    const format = args[args.indexOf('--format') + 1];
    if (format === 'sarif') expect((JSON.parse(io.out()) as { version: string }).version).toBe('2.1.0');
    if (format === 'junit') expect(io.out()).toMatch(/^<\?xml[^>]*>\n<testsuites /);
    if (format === 'github') expect(io.out()).toMatch(/^::error file=/m);
  });

  it('GitHub: uploads the SARIF file arch-lint writes, with the permission code scanning needs', () => {
    const workflow = parse(readFileSync(new URL('github-actions.yml', CI), 'utf8')) as {
      jobs: Record<string, { permissions?: Record<string, string>; steps: Array<{ run?: string; uses?: string; if?: string; with?: Record<string, string> }> }>;
    };
    const sarif = invocations('github-actions.yml').find((inv) => inv.args.includes('sarif'));
    const job = Object.values(workflow.jobs).find((j) => j.steps.some((s) => s.run?.includes('--format sarif')));
    const upload = job?.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(job?.permissions?.['security-events']).toBe('write');
    expect(upload?.with?.sarif_file).toBe(sarif?.output);
    expect(upload?.if).toMatch(/!cancelled\(\)|always\(\)/); // findings fail the lint step; the upload must still run
    expect(all.some((inv) => inv.file === 'github-actions.yml' && inv.args.includes('github'))).toBe(true);
  });

  it('GitLab: reports the JUnit file arch-lint writes, even when the job fails', () => {
    const pipeline = parse(readFileSync(new URL('gitlab-ci.yml', CI), 'utf8')) as Record<string, { artifacts?: { when?: string; reports?: { junit?: string } } }>;
    const junit = invocations('gitlab-ci.yml').find((inv) => inv.args.includes('junit'));
    const job = Object.values(pipeline).find((j) => j.artifacts?.reports?.junit !== undefined);
    expect(job?.artifacts?.reports?.junit).toBe(junit?.output);
    expect(job?.artifacts?.when).toBe('always');
  });
});
