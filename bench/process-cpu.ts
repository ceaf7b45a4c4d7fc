// CPU time spent by processes, read from Linux's /proc (user + system), for benchmarks that share
// one machine between a load generator, the servers it measures and a database: their throughput
// follows the CPU each delivery costs all of them together. Undefined where /proc is not there.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on every Linux build in use (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** Fields after the parenthesised command name (which may itself contain spaces and parentheses). */
function statFields(pid: number | string): { command: string; fields: string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    return { command: stat.slice(open + 1, close), fields: stat.slice(close + 2).split(" ") };
  } catch {
    return undefined; // not Linux, or the process has exited
  }
}

/** utime + stime (fields 14 and 15 of stat; 12 and 13 after the command name), in ms. */
function cpuMsOf(fields: string[]): number {
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The CPU time process `pid` has used so far, in ms; undefined when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  const stat = statFields(pid);
  return stat ? cpuMsOf(stat.fields) : undefined;
}

/**
 * The CPU time used so far by all live processes whose command is `command` (e.g. "postgres"), in
 * ms; with `under`, only that process and its descendants (one server's, not every server's on the machine).
 */
export function processesCpuMs(command: string, options: { under?: number } = {}): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const processes = new Map<number, { command: string; parent: number; cpuMs: number }>();
  for (const pid of pids) {
    const stat = statFields(pid);
    // The parent's pid is the field after the state.
    if (stat) processes.set(Number(pid), { command: stat.command, parent: Number(stat.fields[1]), cpuMs: cpuMsOf(stat.fields) });
  }
  const isUnder = (pid: number): boolean => {
    for (let at: number | undefined = pid, hops = 0; at !== undefined && at > 0 && hops < 64; at = processes.get(at)?.parent, hops++) {
      if (at === options.under) return true;
    }
    return false;
  };
  let sum = 0;
  for (const [pid, process] of processes) {
    if (process.command === command && (options.under === undefined || isUnder(pid))) sum += process.cpuMs;
  }
  return sum;
}

/** This process's CPU time so far (user + system), in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
