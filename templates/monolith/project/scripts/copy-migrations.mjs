// tsc emits only JavaScript; the modules' SQL migrations must sit beside the compiled code,
// because src/db/migrate.ts finds them relative to its own location.
import { cpSync, statSync } from 'node:fs';

cpSync('src', 'dist', {
  recursive: true,
  filter: (source) => statSync(source).isDirectory() || source.endsWith('.sql'),
});
