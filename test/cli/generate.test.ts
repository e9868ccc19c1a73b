import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/arch-init.js';
import { captureIo } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

async function run(argv: string[], cwd: string) {
  const io = captureIo({ cwd });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const microservicesFlags = [
  '--team-size', 'many', '--domain-clarity', 'clear', '--scaling', 'critical', '--read-write', 'balanced',
  '--workflows', 'none', '--consistency', 'mixed', '--ops-maturity', 'high', '--time-to-market', 'long',
];

describe('arch-init <directory>: bad input is refused in one line, exit 2, nothing written', () => {
  it.each([
    [['--services', '../evil'], '--services: "../evil" must not contain path separators or ".."'],
    [['--services', 'users,users'], '--services: "users" is listed twice'],
    [['--services', 'users,,orders'], '--services: "" is empty'],
    [['--services', 'users,class'], '--services: "class" is a reserved word'],
    [['--services', 'a}}b'], '--services: "a}}b" must be lowercase letters'],
    [['--services', "o'brien"], `--services: "o'brien" must be lowercase letters`],
    [['--pattern', 'serverless'], "argument 'serverless' is invalid"],
    [['--pattern', 'microservices', '--broker', 'nats'], '--broker: the microservices pattern has no messaging; choose --pattern event-driven or cqrs'],
    [['--pattern', 'monolith', '--saga', 'orchestration'], '--saga: the monolith pattern has no messaging; choose --pattern event-driven or cqrs'],
    [['--pattern', 'event-driven', '--broker', 'kinesis'], "argument 'kinesis' is invalid"],
    [['--pattern', 'cqrs', '--saga', 'orchestration'], '--saga: the cqrs pattern generates the choreography saga'],
    [['--pattern', 'monolith', '--gateway', 'nginx'], '--gateway: a monolith has no gateway; choose --pattern microservices, event-driven or cqrs'],
    [['--pattern', 'microservices', '--gateway', 'traefik'], "argument 'traefik' is invalid"],
    [['--pattern', 'microservices', '--replicas', 'orders'], '--replicas: expected service=count pairs, e.g. orders=3,products=2'],
    [['--pattern', 'microservices', '--replicas', 'reviews=2'], '--replicas: "reviews" is not one of the services'],
    [['--pattern', 'microservices', '--replicas', 'orders=0'], '--replicas: expected at least 1 instance'],
    [['--pattern', 'microservices', '--replicas', 'orders=11'], '--replicas: expected at most 10 instances'],
    [['--pattern', 'monolith', '--replicas', 'orders=2'], '--replicas: a monolith runs as one process here'],
    [['--pattern', 'microservices', '--database', 'orders=oracle'], '--database: "oracle" is not one of postgres, mysql'],
    [['--pattern', 'microservices', '--database', 'orders'], '--database: expected service=technology pairs'],
    [['--pattern', 'event-driven', '--database', 'orders=mysql'], '--database: MySQL is generated for the microservices pattern'],
    [['--pattern', 'microservices', '--shards', 'products=hash:1'], '--shards: expected at least 2 shards'],
    [['--pattern', 'microservices', '--shards', 'products=range:8+4'], '--shards: expected boundaries in increasing order'],
    [['--pattern', 'microservices', '--shards', 'products=range:zz'], '--shards: expected the hex prefix of an id'],
    [['--pattern', 'microservices', '--shards', 'products=modulo:3'], '--shards: expected service=hash:<count> or service=range:<id prefix>+…'],
    [['--pattern', 'microservices', '--shards', 'orders=hash:2', '--database', 'orders=mysql'], '--shards: "orders" is on mysql; sharding is generated for PostgreSQL services'],
    [['--pattern', 'microservices', '--shards', 'orders=hash:2', '--replicas', 'orders=2'], '--shards: "orders" cannot be both sharded and replicated here'],
    [['--pattern', 'cqrs', '--shards', 'orders=hash:2'], '--shards: sharding is generated for the microservices pattern'],
  ])('%j', async (args, message) => {
    const cwd = tempDir();
    const { code, err, out } = await run(['shop', '--yes', ...args], cwd);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')[0]).toContain(message);
    expect(out).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('needs a directory without a terminal, unless --yes', async () => {
    const cwd = tempDir();
    const { code, err } = await run(['--pattern', 'monolith'], cwd);
    expect(code).toBe(2);
    expect(err).toBe('arch-init: missing the project directory: arch-init <directory> (or --yes for ./arch-app)\n');
  });

  it.each([
    ['notes.txt/shop', 'notes.txt/shop: a parent of this path is a file, not a directory'],
    ['notes.txt', 'notes.txt: exists and is not a directory'],
  ])('refuses the directory %j before asking anything', async (directory, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'notes.txt'), 'mine');
    const { code, err, out } = await run([directory, '--yes'], cwd);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`arch-init: ${join(cwd, message)}\n`);
    expect(readdirSync(cwd)).toEqual(['notes.txt']);
  });

  it('refuses a non-empty directory without --force and leaves it as it was', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'shop'));
    writeFileSync(join(cwd, 'shop', 'notes.txt'), 'mine');
    const { code, err } = await run(['shop', '--pattern', 'monolith'], cwd);
    expect(code).toBe(2);
    expect(err).toContain('shop: directory is not empty (use --force to write into it)');
    expect(readdirSync(join(cwd, 'shop'))).toEqual(['notes.txt']);
  });
});

describe('arch-init <directory>: generation', () => {
  it('--dry-run lists every file and writes nothing', async () => {
    const cwd = tempDir();
    const { code, out } = await run(['shop', '--pattern', 'monolith', '--dry-run', '--json'], cwd);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.dryRun).toBe(true);
    expect(result.files).toEqual(expect.arrayContaining([
      'arch.json', 'README.md', 'docs/adr/0001-architecture.md', 'package.json', 'Dockerfile', 'docker-compose.yml',
      'src/modules/users/index.ts', 'src/modules/payments/index.ts',
    ]));
    expect(readdirSync(cwd)).toEqual([]);
    const text = await run(['shop', '--pattern', 'monolith', '--dry-run'], cwd);
    expect(text.out).toMatch(/^Would write \d+ files to shop \(dry run, nothing written\):\n  \.arch-init\/base\.json \(\d+ bytes\)\n  \.dockerignore \(\d+ bytes\)/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('records the spec, the generator version and the decision in arch.json and the ADR', async () => {
    const cwd = tempDir();
    const { code, out } = await run(['shop', '--pattern', 'monolith', ...microservicesFlags], cwd);
    expect(code).toBe(0);
    expect(out).toContain('Created monolith project "shop" in shop');
    const arch = JSON.parse(readFileSync(join(cwd, 'shop/arch.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(arch).toMatchObject({
      generator: { name: 'arch-init', version: pkg.version },
      name: 'shop',
      pattern: 'monolith',
      services: ['users', 'products', 'orders', 'payments'],
      decision: { recommended: 'microservices', overridden: true },
    });
    const adr = readFileSync(join(cwd, 'shop/docs/adr/0001-architecture.md'), 'utf8');
    expect(adr).toContain('We use **Modular monolith**, overriding the recommended Microservices.');
    expect(adr).toContain('| Microservices | 91 |');
    expect(adr).toContain('- tight coupling');
    const readme = readFileSync(join(cwd, 'shop/README.md'), 'utf8');
    expect(readme).toMatch(/```mermaid\nflowchart LR\n[\s\S]*users\["users module"\][\s\S]*```/);
  });

  it('writes the ADR in Korean with --lang ko', async () => {
    const cwd = tempDir();
    expect((await run(['shop', '--yes', '--lang', 'ko'], cwd)).code).toBe(0);
    const adr = readFileSync(join(cwd, 'shop/docs/adr/0001-architecture.md'), 'utf8');
    expect(adr).toContain('# ADR 0001: 모놀리스 아키텍처');
    expect(adr).toContain('- 강한 결합도');
  });

  it('turns a hostile directory name into a safe project name that cannot alter generated code', async () => {
    const cwd = tempDir();
    const { code } = await run(["Shop'}}{{x", '--pattern', 'monolith', '--services', 'books'], cwd);
    expect(code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(cwd, "Shop'}}{{x", 'package.json'), 'utf8'));
    expect(pkg.name).toBe('shop-x');
    expect(existsSync(join(cwd, "Shop'}}{{x", 'src/modules/books/index.ts'))).toBe(true);
  });
});
