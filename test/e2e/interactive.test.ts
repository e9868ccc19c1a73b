import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archInitBin } from '../helpers/cli.js';
import { hasCommand, skipUnless } from '../helpers/infra.js';
import { tempDir } from '../helpers/temp.js';

const session = `arch-init-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const screen = (target = session) => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', target).stdout;

async function waitFor(text: string, timeoutMs = 15_000, target = session): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen(target);
    if (shown.includes(text)) return shown;
    if (Date.now() > deadline) throw new Error(`"${text}" never appeared; the screen shows:\n${shown}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function answer(prompt: string, ...keys: string[]) {
  await waitFor(prompt);
  tmux('send-keys', '-t', session, ...keys);
}

describe.skipIf(skipUnless(hasCommand('tmux'), 'tmux is not installed, so the prompts cannot be driven through a real terminal'))(
  'arch-init in a real terminal',
  () => {
    afterAll(() => {
      tmux('kill-session', '-t', session);
      tmux('kill-session', '-t', `${session}-cancel`);
    });

    it('asks the matrix questions, recommends, lets the user override and generates the chosen project', async () => {
      const target = join(tempDir('arch-init-tty-'), 'library');
      const command = `env NO_COLOR=1 LANG=C.UTF-8 node ${archInitBin} ${target}; echo "exit=$?"; sleep 60`;
      expect(tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', command).status).toBe(0);

      await answer('How many engineers', 'Down', 'Down', 'Enter'); // many teams (from the default, one team)
      await answer('How clear are the domain boundaries', 'Down', 'Down', 'Enter'); // clear
      await answer('deployed and scaled independently', 'Down', 'Down', 'Enter'); // critical
      await answer('How do reads and writes compare', 'Enter'); // balanced
      await answer('asynchronous workflows', 'Enter'); // none
      await answer('What consistency', 'Down', 'Enter'); // mixed
      await answer('How mature are operations', 'Down', 'Down', 'Enter'); // high
      await answer('How soon must the first version ship', 'Down', 'Down', 'Enter'); // long-lived

      const shown = await waitFor('Which pattern do you want to generate?');
      expect(shown).toContain('Recommendation: Microservices');
      // The cursor starts on the recommendation; every other pattern can be chosen instead.
      expect(shown).toMatch(/❯ Microservices \(recommended\)/);
      expect(shown).toMatch(/Modular monolith[\s\S]*Event-driven[\s\S]*CQRS/);
      // The user overrides it with the modular monolith, the guide's starting point (the next row).
      tmux('send-keys', '-t', session, 'Down', 'Enter');

      await answer('Modules/services', 'books,authors', 'Enter');
      const done = await waitFor('exit=', 30_000);
      expect(done).toContain('Created monolith project "library"');
      expect(done).toContain('exit=0');

      const arch = JSON.parse(readFileSync(join(target, 'arch.json'), 'utf8'));
      expect(arch).toMatchObject({
        pattern: 'monolith',
        services: ['books', 'authors'],
        decision: { recommended: 'microservices', overridden: true },
      });
      expect(arch.decision.answers).toMatchObject({ teamSize: 'many', domainClarity: 'clear', opsMaturity: 'high' });
      expect(readFileSync(join(target, 'docs/adr/0001-architecture.md'), 'utf8')).toContain(
        'We use **Modular monolith**, overriding the recommended Microservices.',
      );
    });

    it('Ctrl-C at a prompt cancels with exit 130 and writes nothing', async () => {
      const parent = tempDir('arch-init-tty-cancel-');
      const target = join(parent, 'shop');
      const cancel = `${session}-cancel`;
      const command = `env NO_COLOR=1 node ${archInitBin} ${target}; echo "exit=$?"; sleep 60`;
      expect(tmux('new-session', '-d', '-s', cancel, '-x', '160', '-y', '50', command).status).toBe(0);
      const shown = (await waitFor('How many engineers', 15_000, cancel));
      expect(shown).toContain('How many engineers');
      tmux('send-keys', '-t', cancel, 'Enter');
      await waitFor('How clear are the domain boundaries', 15_000, cancel);
      tmux('send-keys', '-t', cancel, 'C-c');
      const done = await waitFor('exit=', 15_000, cancel);
      expect(done).toContain('arch-init: cancelled; nothing was written');
      expect(done).toContain('exit=130');
      expect(existsSync(target)).toBe(false);
    });
  },
);
