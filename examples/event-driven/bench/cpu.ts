// The CPU time a process has used so far, read from Linux's /proc: what the bench divides by the
// requests a path served, to tell what each hop costs whatever the machine's speed.
import { readFileSync } from 'node:fs';

// utime and stime are counted in clock ticks, 100 per second on every Linux build Node runs on.
const TICK_MS = 10;

/** The user and system CPU time the process has used, in milliseconds; undefined without /proc (macOS, Windows). */
export function cpuTimeMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces: the fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
