import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The built command as a user runs it (npm test builds first). */
export const archInitBin = fileURLToPath(new URL('../../bin/arch-init.js', import.meta.url));
export const archLintBin = fileURLToPath(new URL('../../bin/arch-lint.js', import.meta.url));
