import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-init.js';
import type { Prompter } from '../../src/cli/prompter.js';
import { captureIo } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

const answers = {
  teamSize: 'many',
  domainClarity: 'clear',
  scaling: 'critical',
  readWrite: 'balanced',
  workflows: 'none',
  consistency: 'mixed',
  opsMaturity: 'high',
  timeToMarket: 'long',
};
const flags = [
  '--team-size', 'many', '--domain-clarity', 'clear', '--scaling', 'critical', '--read-write', 'balanced',
  '--workflows', 'none', '--consistency', 'mixed', '--ops-maturity', 'high', '--time-to-market', 'long',
];

function answersFile(content: string): string {
  const dir = tempDir('arch-init-answers-');
  const file = join(dir, 'answers.json');
  writeFileSync(file, content);
  return file;
}

async function run(argv: string[], overrides = {}) {
  const io = captureIo(overrides);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Answers every select with the value the test gives for that question's message. */
function scriptedPrompter(byMessage: (message: string) => string): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async select(options) {
      asked.push(options.message);
      return byMessage(options.message) as never;
    },
    async input(options) {
      asked.push(options.message);
      return byMessage(options.message);
    },
  };
}

describe('arch-init decide', () => {
  it('recommends microservices for large teams with clear boundaries, with reasons, as JSON', async () => {
    const { code, out } = await run(['decide', '--json', ...flags]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.recommendation.pattern).toBe('microservices');
    expect(result.recommendation.ranking.map((r: { pattern: string }) => r.pattern)).toHaveLength(4);
    expect(result.recommendation.reasons[0].because).toMatch(/large teams|clear domain|independent deploys/);
    expect(result.recommendation.costs).toContain('deployment and operational complexity');
  });

  it('gives identical results for flags, an answers file, and the prompts', async () => {
    const viaFlags = await run(['decide', '--json', ...flags]);
    const viaFile = await run(['decide', '--json', '--answers', answersFile(JSON.stringify(answers))]);
    const prompter = scriptedPrompter((message) => {
      const id = Object.keys(answers).find((_, i) => i === prompter.asked.length - 1)!;
      return answers[id as keyof typeof answers] ?? message;
    });
    const io = captureIo({ stdinIsTTY: true });
    await main(['decide'], io, { prompter });
    expect(viaFile.out).toBe(viaFlags.out);
    expect(prompter.asked).toHaveLength(8);
    const textViaFlags = await run(['decide', ...flags]);
    expect(io.out()).toBe(textViaFlags.out);
  });

  it('does not wait for input without a terminal: names every missing answer and exits 2', async () => {
    const { code, err, out } = await run(['decide', '--team-size', 'small']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^arch-init: missing answers: domainClarity \(--domain-clarity\), scaling/);
    expect(err).not.toContain('teamSize');
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('takes the documented defaults with --yes', async () => {
    const { code, out } = await run(['decide', '--yes', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).answers).toMatchObject({ teamSize: 'small', domainClarity: 'unclear' });
  });

  it('writes the recommendation in Korean with --lang ko or a Korean locale', async () => {
    const byFlag = await run(['decide', '--yes', '--lang', 'ko']);
    expect(byFlag.out).toContain('추천: 모놀리스');
    const byLocale = await run(['decide', '--yes'], { env: { NO_COLOR: '1', LANG: 'ko_KR.UTF-8' } });
    expect(byLocale.out).toBe(byFlag.out);
  });

  it.each([
    ['{ not json', /--answers .*answers\.json: not valid JSON/],
    ['{"teamSize": "huge"}', /--answers .*answers\.json: teamSize: Invalid option: expected one of "solo"\|"small"/],
    ['{"colour": "blue"}', /--answers .*answers\.json: unknown key\(s\) "colour"/],
    ['[1, 2]', /--answers .*answers\.json: Invalid input: expected object/],
  ])('refuses the answers file %j in one line with exit 2', async (content, message) => {
    const { code, err } = await run(['decide', '--answers', answersFile(content)]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a missing answers file naming it', async () => {
    const { code, err } = await run(['decide', '--answers', '/nonexistent/answers.json']);
    expect(code).toBe(2);
    expect(err).toBe('arch-init: --answers /nonexistent/answers.json: cannot read the file (ENOENT)\n');
  });

  it('refuses an answer that is not in the matrix, listing the allowed ones', async () => {
    const { code, err } = await run(['decide', '--team-size', 'huge']);
    expect(code).toBe(2);
    expect(err).toContain("argument 'huge' is invalid. Allowed choices are solo, small, several, many.");
  });

  it.each([[[]], [['decide']], [['upgrade']], [['add']], [['add', 'service']]])('%j answers --help and --version', async (command) => {
    const help = await run([...command, '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: arch-init/);
    const version = await run([...command, '--version']);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints --help generated from the matrix, and --version', async () => {
    const help = await run(['decide', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--ops-maturity <answer>');
    expect(help.out).toContain('(choices: "low", "medium", "high")');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
