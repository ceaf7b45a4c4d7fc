// bench/process-cpu.ts reads CPU time from /proc; checked against Node's own count of the same
// process's CPU (process.cpuUsage), which is independent of /proc's format and its tick unit.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ownCpuMs, processCpuMs, processesCpuMs } from "../../bench/process-cpu.js";

/** Spins until this process has used `ms` more CPU time by Node's own count (not wall time). */
const SPIN = (ms: number): string =>
  `const used = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; const start = used(); while (used() - start < ${ms});`;

describe.runIf(process.platform === "linux")("process CPU from /proc", () => {
  it("a child that used 200 ms of CPU reads as 200 ms (to the 10 ms tick); a process that is not there reads as nothing", async () => {
    const child = spawn(process.execPath, ["-e", `${SPIN(200)} const spent = used(); console.log(spent); setInterval(() => {}, 1000);`]);
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      const spentByNode = Number(line.toString());
      expect(spentByNode).toBeGreaterThanOrEqual(200);
      const read = processCpuMs(child.pid ?? -1) ?? -1;
      expect(read).toBeGreaterThanOrEqual(spentByNode - 20);
      expect(read).toBeLessThanOrEqual(spentByNode + 20);
    } finally {
      child.kill();
    }
    expect(processCpuMs(2 ** 22 + 7)).toBeUndefined();
  });

  it("this process: /proc agrees with Node's count; processes are summed by command name", () => {
    const before = { proc: processCpuMs(process.pid) ?? NaN, own: ownCpuMs() };
    new Function(SPIN(150))();
    const after = { proc: processCpuMs(process.pid) ?? NaN, own: ownCpuMs() };
    expect(after.own - before.own).toBeGreaterThanOrEqual(150);
    expect(Math.abs((after.proc - before.proc) - (after.own - before.own))).toBeLessThanOrEqual(25);
    expect(processesCpuMs("no-such-command-okctl")).toBe(0);
    // This process's command name as the kernel keeps it (process.title is the path, e.g. /usr/bin/node).
    const command = readFileSync(`/proc/${process.pid}/comm`, "utf8").trim();
    expect(processesCpuMs(command)).toBeGreaterThanOrEqual(after.proc - 10);
  });
});
