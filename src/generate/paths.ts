import { fileURLToPath } from 'node:url';

/** The package root, from dist/generate/ (built) or src/generate/ (tests run the sources). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const templatesRoot = fileURLToPath(new URL('../../templates/', import.meta.url));
