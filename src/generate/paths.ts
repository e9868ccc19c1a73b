import { fileURLToPath } from 'node:url';

// Every module that uses these lives two folders below the package root: src/<x>/ when tests run
// the sources, dist/<x>/ when built, dist/bundle/ when bundled.
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const templatesRoot = fileURLToPath(new URL('../../templates/', import.meta.url));
/** Build outputs that the code reads at run time (precompiled templates). */
export const distRoot = fileURLToPath(new URL('../../dist/', import.meta.url));
