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

/** The CPU time used so far by all live processes whose command is `command` (e.g. "postgres"), in ms. */
export function processesCpuMs(command: string): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let sum = 0;
  for (const pid of pids) {
    const stat = statFields(pid);
    if (stat?.command === command) sum += cpuMsOf(stat.fields);
  }
  return sum;
}

/** This process's CPU time so far (user + system), in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
