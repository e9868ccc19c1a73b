/**
 * `arch-init split <module>`: the strangler fig. A module of a generated monolith becomes a
 * service of its own: its code (the user's, as it is now) moves to services/<module>/ with its
 * imports rewritten (move-module.ts), the monolith keeps the module's public interface answered
 * over HTTP through a breaker, and a gateway routes the module's requests to the service. Every
 * other file is re-rendered and merged like `add service`, so the user's edits stay.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { packageVersion } from '../cli/version.js';
import { templatesRoot } from '../generate/paths.js';
import { generateTree } from '../generate/plan.js';
import { lint } from '../lint/lint.js';
import { projectSpecSchema } from '../spec/project-spec.js';
import { moveModule } from './move-module.js';
import { withSyntaxEdits } from './syntax-edits.js';
import { asArrayAppends } from './ts-edits.js';
import { planChange, readProject, requireCurrentGenerator, type Action, type UpgradePlan } from './upgrade.js';

/** Files under `dir`, by their project path (forward slashes). */
function filesUnder(projectDir: string, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(projectDir, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(projectDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    files.set(path, readFileSync(join(projectDir, path), 'utf8'));
  }
  return files;
}

/**
 * What arch-lint reports as reaching into the module's internals from the rest of the monolith:
 * after the split those files are not there to reach.
 */
async function referencesToInternals(dir: string, module: string): Promise<string[]> {
  const { result } = await lint(dir, { version: packageVersion() });
  return result.findings
    .filter((finding) => finding.rule === 'service-boundaries' && finding.messageId === 'moduleInternals')
    .filter((finding) => finding.message.includes(`of module ${module};`))
    .map((finding) => `${finding.file}:${finding.line}: ${finding.message}`);
}

const list = (lines: string[]) => lines.map((line) => `\n  ${line}`).join('');

export async function planSplit(dir: string, module: string, root = templatesRoot): Promise<UpgradePlan> {
  const { spec, base } = readProject(dir);
  if (spec.pattern !== 'monolith') {
    throw new UsageError(`${dir}: is a ${spec.pattern} project, whose parts are services already (split takes a module out of a monolith)`);
  }
  const kept = spec.services.filter((name) => !(spec.split ?? []).includes(name));
  if ((spec.split ?? []).includes(module)) throw new UsageError(`module: "${module}" is a service already (services/${module}/)`);
  if (!kept.includes(module)) throw new UsageError(`module: "${module}" is not a module of ${dir} (they are ${kept.join(', ')})`);
  if (kept.length === 1) throw new UsageError(`module: "${module}" is the last module of the monolith; at least one stays`);
  const moduleDir = `src/modules/${module}`;
  if (!existsSync(join(dir, moduleDir))) throw new UsageError(`${join(dir, moduleDir)}: missing, so there is no code to move`);
  if (existsSync(join(dir, 'services', module))) throw new UsageError(`${join(dir, 'services', module)}: already exists`);
  requireCurrentGenerator(dir, base, 'the split');

  const reaching = await referencesToInternals(dir, module);
  if (reaching.length > 0) {
    throw new UsageError(`module ${module} cannot be split: other code reaches into its internals, not through its index${list(reaching)}`);
  }
  const files = filesUnder(dir, moduleDir);
  const moved = moveModule(files, module, spec.name);
  if (moved.problems.length > 0) {
    throw new UsageError(`module ${module} cannot be split: its code uses what stays in the monolith${list(moved.problems)}`);
  }

  const theirs = generateTree(projectSpecSchema.parse({ ...spec, split: [...(spec.split ?? []), module] }), root);
  const plan = withSyntaxEdits(planChange(dir, base, theirs), dir, base, theirs, asArrayAppends);
  // The module's files move as the user has them, not as the templates would render them; the
  // monolith keeps its interface (merged into index.ts above) and its types (schema.ts).
  const stays = new Set([`${moduleDir}/index.ts`, `${moduleDir}/schema.ts`]);
  const actions: Action[] = plan.actions.filter((action) => !moved.files.has(action.path) && (!files.has(action.path) || stays.has(action.path)));
  for (const path of files.keys()) if (!stays.has(path)) actions.push({ kind: 'delete', path });
  for (const [path, content] of moved.files) actions.push({ kind: 'add', path, content });
  plan.actions = actions.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return plan;
}
