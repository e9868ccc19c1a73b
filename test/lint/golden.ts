import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * Compares `actual` with the golden file, or rewrites it when UPDATE_GOLDEN=1
 * (then review the change with `git diff`). A missing golden fails, so a
 * new output is never accepted unseen.
 */
export function expectGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`missing golden ${file}; run UPDATE_GOLDEN=1 npx vitest run test/lint and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
