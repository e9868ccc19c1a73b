import { describe, expect, it } from 'vitest';
import { connectionFromVariables, connectionsIn } from '../../../src/lint/readers/connection.js';
import { readCompose } from '../../../src/lint/readers/compose.js';
import { goModReader } from '../../../src/lint/readers/go-mod.js';
import { gradleReader } from '../../../src/lint/readers/gradle.js';
import { csprojReader } from '../../../src/lint/readers/csproj.js';
import { readKubernetes } from '../../../src/lint/readers/kubernetes.js';
import { packageJsonReader } from '../../../src/lint/readers/package-json.js';
import { pomXmlReader } from '../../../src/lint/readers/pom-xml.js';
import { pyprojectReader, requirementsReader } from '../../../src/lint/readers/python.js';
import { goImports, javaImports, pythonImports } from '../../../src/lint/readers/source-imports.js';
import type { Diagnostic } from '../../../src/lint/model.js';

function collect(): { diagnostics: Diagnostic[]; report: (d: Diagnostic) => void } {
  const diagnostics: Diagnostic[] = [];
  return { diagnostics, report: (d) => diagnostics.push(d) };
}

describe('manifest readers', () => {
  it('package.json: runtime dependencies, workspaces make an aggregator, broken JSON is a diagnostic', () => {
    const { diagnostics, report } = collect();
    expect(packageJsonReader.read('package.json', '{"name":"a","dependencies":{"pg":"8"},"devDependencies":{"typescript":"5","vitest":"4"}}', report)).toEqual({
      name: 'a', language: 'typescript', dependencies: ['pg'], aggregator: false,
    });
    expect(packageJsonReader.read('package.json', '{"workspaces":["a/*"]}', report)?.aggregator).toBe(true);
    expect(packageJsonReader.read('x/package.json', '{ "name": ', report)).toBeUndefined();
    expect(diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['parse-error x/package.json']);
  });

  it('go.mod: module path and both require forms', () => {
    const text = 'module github.com/a/b\n\nrequire github.com/x/y v1.0.0\n\nrequire (\n\tgithub.com/sony/gobreaker v1.0.0\n\tgo.opentelemetry.io/otel v1.31.0 // indirect\n)\n';
    expect(goModReader.read('go.mod', text, () => {})).toEqual({
      name: 'b', modulePath: 'github.com/a/b', language: 'go', aggregator: false,
      dependencies: ['github.com/sony/gobreaker', 'github.com/x/y', 'go.opentelemetry.io/otel'],
    });
  });

  it('pom.xml: own artifactId (not the parent\'s), group:artifact dependencies, <modules> aggregates', () => {
    const pom = '<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent><artifactId>svc</artifactId><dependencies><dependency><groupId>io.github.resilience4j</groupId><artifactId>resilience4j-core</artifactId></dependency></dependencies></project>';
    expect(pomXmlReader.read('pom.xml', pom, () => {})).toMatchObject({ name: 'svc', dependencies: ['io.github.resilience4j:resilience4j-core'], aggregator: false });
    expect(pomXmlReader.read('pom.xml', '<project><modules><module>a</module></modules></project>', () => {})?.aggregator).toBe(true);
  });

  it('build.gradle(.kts), pyproject (PEP 621 and Poetry), requirements.txt, csproj', () => {
    expect(gradleReader.read('build.gradle.kts', 'dependencies {\n implementation("io.opentelemetry:opentelemetry-api:1.0")\n}', () => {})).toMatchObject({ language: 'kotlin', dependencies: ['io.opentelemetry:opentelemetry-api'] });
    expect(pyprojectReader.read('pyproject.toml', '[project]\nname = "x"\ndependencies = ["pybreaker>=1", "Flask[async]==3"]\n', () => {})).toMatchObject({ name: 'x', dependencies: ['flask', 'pybreaker'] });
    expect(pyprojectReader.read('pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.12"\nhttpx = "*"\n', () => {})?.dependencies).toEqual(['httpx']);
    expect(requirementsReader.read('requirements.txt', '# comment\n-r base.txt\nopentelemetry_api==1.0 ; python_version>"3"\nrequests\n', () => {})?.dependencies).toEqual(['opentelemetry-api', 'requests']);
    expect(csprojReader.read('src/Api/Api.csproj', '<Project><ItemGroup><PackageReference Include="Polly" Version="8" /></ItemGroup></Project>', () => {})).toMatchObject({ name: 'Api', language: 'csharp', dependencies: ['polly'] });
  });
});

describe('compose and Kubernetes readers', () => {
  it('compose: build context relative to the file, env in both forms with lines, depends_on in both forms, disabled healthchecks', () => {
    const text = [
      'services:',
      '  api:',
      '    build: { context: ../api }',
      '    environment:',
      '      - A=1',
      '    depends_on: { db: { condition: service_healthy } }',
      '    healthcheck: { disable: true }',
      '  db:',
      '    image: postgres:17',
      '    environment: { B: 2 }',
      '    healthcheck: { test: ["CMD", "pg_isready"] }',
    ].join('\n');
    const services = readCompose('deploy/compose.yaml', text, () => {});
    expect(services.map((s) => [s.name, s.line, s.build, s.environment, s.envLines, s.dependsOn, s.healthcheck])).toEqual([
      ['api', 2, 'api', { A: '1' }, { A: 5 }, ['db'], false],
      ['db', 8, undefined, { B: '2' }, { B: 10 }, [], true],
    ]);
  });

  it('compose: YAML merge keys (<<: *anchor) are resolved as docker compose resolves them', () => {
    const text = [
      'x-database: &database',
      '  image: postgres:18-alpine',
      '  healthcheck: { test: ["CMD", "pg_isready"] }',
      'services:',
      '  orders-db:',
      '    <<: *database',
      '    environment: { POSTGRES_DB: orders }',
    ].join('\n');
    const [db] = readCompose('docker-compose.yml', text, () => {});
    expect([db?.name, db?.image, db?.healthcheck, db?.environment]).toEqual(['orders-db', 'postgres:18-alpine', true, { POSTGRES_DB: 'orders' }]);
  });

  it('Kubernetes: workloads with probes and env, ingresses, outlier detection; one bad document does not hide the others', () => {
    const { diagnostics, report } = collect();
    const text = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: api }', 'spec:', '  template:', '    spec:', '      containers:',
      '        - image: acme/api:1', '          env: [{ name: X, value: "1" }]', '          livenessProbe: { httpGet: { path: /livez, port: 80 } }',
      '---', 'kind: Ingress', 'apiVersion: networking.k8s.io/v1', 'metadata: [unclosed',
      '---', 'apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata: { name: all }', 'spec:', '  host: "*.svc.cluster.local"', '  trafficPolicy:', '    outlierDetection: { consecutive5xxErrors: 5 }',
    ].join('\n');
    const objects = readKubernetes('k8s/all.yaml', text, report);
    expect(objects.workloads).toEqual([{ name: 'api', kind: 'Deployment', file: 'k8s/all.yaml', line: 2, images: ['acme/api:1'], probes: ['livenessProbe'], environment: { X: '1' } }]);
    expect(objects.outlierDetection).toEqual([{ host: '*', file: 'k8s/all.yaml', line: 22 }]);
    expect(diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['parse-error k8s/all.yaml:15']);
  });
});

describe('connections and imports', () => {
  it('reads database, broker and HTTP URLs (JDBC too) and skips placeholders', () => {
    const found = connectionsIn('jdbc:postgresql://db:5432/orders amqp://u:p@mq:5672 http://billing:3000/x mongodb://${HOST}/x redis://cache');
    expect(found.map(({ index: _, ...c }) => c)).toEqual([
      { type: 'datastore', kind: 'postgres', host: 'db', database: 'orders' },
      { type: 'broker', kind: 'rabbitmq', host: 'mq' },
      { type: 'http', host: 'billing' },
      { type: 'datastore', kind: 'redis', host: 'cache' },
    ]);
    expect(connectionFromVariables({ PGHOST: 'db', PGDATABASE: 'x' })).toEqual({ host: 'db', database: 'x' });
  });

  it('Go, Java and Python imports with their lines', () => {
    expect(goImports('package x\n\nimport (\n\t"fmt"\n\tst "github.com/a/b/store"\n)\nimport "os"\n')).toEqual([
      { specifier: 'fmt', line: 4 }, { specifier: 'github.com/a/b/store', line: 5 }, { specifier: 'os', line: 7 },
    ]);
    expect(javaImports('package a;\nimport static a.b.C.d;\nimport a.b.*;\n')).toEqual([{ specifier: 'a.b.C.d', line: 2 }, { specifier: 'a.b', line: 3 }]);
    expect(pythonImports('from . import x\nfrom a.b import c\nimport d.e as f\n')).toEqual([{ specifier: 'a.b', line: 2 }, { specifier: 'd.e', line: 3 }]);
  });
});
