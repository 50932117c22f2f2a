import { readFileSync } from 'node:fs';

/**
 * Clock ticks per second of /proc's CPU times. Linux has reported them in USER_HZ = 100 on every
 * architecture the platform runs on, whatever the kernel's own tick rate.
 */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user and system) that a process and its living descendants have used, read from
 * /proc; undefined where there is no /proc (macOS) or the process is gone. The launcher runs the
 * database under a watchdog shell, so the database itself is a child of the process it knows.
 */
export function cpuSecondsOf(pid: number): number | undefined {
  const own = statCpuSeconds(`/proc/${pid}/stat`);
  if (own === undefined) return undefined;
  let seconds = own;
  for (const child of childrenOf(pid)) seconds += cpuSecondsOf(child) ?? 0;
  return seconds;
}

/**
 * CPU seconds (user and system) in a /proc `stat` file: a process's or one thread's
 * (`/proc/self/task/<tid>/stat`); undefined when it cannot be read.
 */
export function statCpuSeconds(path: string): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces: fields are counted after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are the 14th and 15th fields; the state, the 3rd, comes first here.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
