import { spawnSync } from 'node:child_process';

/**
 * Decides whether a test that needs something from the machine runs. Where it
 * is missing the test is skipped with the reason printed, except in CI
 * (REQUIRE_INFRA=1), where the test runs and fails instead of hiding the gap.
 */
export function skipUnless(available: boolean, reason: string): boolean {
  if (available) return false;
  if (process.env.REQUIRE_INFRA === '1') return false;
  console.warn(`skipped: ${reason} (set REQUIRE_INFRA=1 to make this a failure)`);
  return true;
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
