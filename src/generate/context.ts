/** The data every template renders from. Built from the ProjectSpec alone. */
import type { ProjectSpec } from '../spec/project-spec.js';
import { nameForms, type NameForms } from '../spec/names.js';
import { packageVersion } from '../cli/version.js';

/** A module or service: its names, and the port it listens on when it runs as its own process. */
export type Part = NameForms & { port: number };

/** When services run as their own processes they listen from here up (3001, 3002, …). */
const firstServicePort = 3001;

export interface RenderContext {
  generator: { name: 'arch-init'; version: string };
  project: { name: string; title: string };
  pattern: ProjectSpec['pattern'];
  modules: Part[];
  flows: { placeOrder: boolean };
  /** Where services talk through events: the production broker and the saga style. */
  messaging: { broker: Exclude<ProjectSpec['broker'], 'none'>; saga: NonNullable<ProjectSpec['saga']> } | false;
  /** The HTTP port of the project's entry point: the monolith, or the gateway. */
  port: number;
  diagram: string;
  module?: Part;
}

/** The cross-module example flow needs all three modules it crosses. */
export function hasPlaceOrderFlow(spec: ProjectSpec): boolean {
  return ['orders', 'products', 'payments'].every((name) => spec.services.includes(name));
}

export function renderContext(spec: ProjectSpec, diagram: string): RenderContext {
  return {
    generator: { name: 'arch-init', version: packageVersion() },
    project: { name: spec.name, title: nameForms(spec.name).title },
    pattern: spec.pattern,
    modules: spec.services.map((name, i) => ({ ...nameForms(name), port: firstServicePort + i })),
    flows: { placeOrder: hasPlaceOrderFlow(spec) },
    messaging: spec.broker === 'none' ? false : { broker: spec.broker, saga: spec.saga ?? 'choreography' },
    port: spec.port,
    diagram,
  };
}
