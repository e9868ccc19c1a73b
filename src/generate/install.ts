/** `npm install` in the generated project, after the write, with progress the user can see. */
import type { Io } from '../cli/io.js';

export async function npmInstall(dir: string, io: Io): Promise<void> {
  const { execa } = await import('execa');
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  const isTTY = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  io.stderr.write(`Installing dependencies with npm in ${dir}…${isTTY ? '' : '\n'}`);
  // On a terminal one line ticks; in CI logs a line every 15 s shows it is still alive.
  const ticker = setInterval(
    () => io.stderr.write(isTTY ? `\rInstalling dependencies with npm… ${elapsed()}` : `still installing (${elapsed()})\n`),
    isTTY ? 1000 : 15_000,
  );
  try {
    await execa('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, env: io.env, stdout: 'ignore', stderr: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new InstallError(`npm install failed in ${dir} after ${elapsed()}${stderr ? `:\n${stderr.trim()}` : ''}`);
  } finally {
    clearInterval(ticker);
  }
  io.stderr.write(`${isTTY ? '\r' : ''}Installed dependencies in ${elapsed()}.\n`);
}

export class InstallError extends Error {
  override readonly name = 'InstallError';
}
