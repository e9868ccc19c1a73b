import { processIo } from '../dist/cli/io.js';
const { main } = await import('../dist/bundle/arch-init.js');
process.exitCode = await main(process.argv.slice(2), processIo());
