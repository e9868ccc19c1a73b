/** The data every template renders from. Built from the ProjectSpec alone. */
import type { ProjectSpec } from '../spec/project-spec.js';
import { nameForms, type NameForms } from '../spec/names.js';
import { packageVersion as generatorVersion } from '../cli/version.js';

export interface RenderContext {
  generator: { name: 'arch-init'; version: string };
  project: { name: string; title: string };
  pattern: ProjectSpec['pattern'];
  modules: NameForms[];
  flows: { placeOrder: boolean };
  port: number;
  diagram: string;
  module?: NameForms;
}

/** The cross-module example flow needs all three modules it crosses. */
export function hasPlaceOrderFlow(spec: ProjectSpec): boolean {
  return ['orders', 'products', 'payments'].every((name) => spec.services.includes(name));
}

export function renderContext(spec: ProjectSpec, diagram: string): RenderContext {
  return {
    generator: { name: 'arch-init', version: generatorVersion() },
    project: { name: spec.name, title: nameForms(spec.name).title },
    pattern: spec.pattern,
    modules: spec.services.map(nameForms),
    flows: { placeOrder: hasPlaceOrderFlow(spec) },
    port: spec.port,
    diagram,
  };
}
