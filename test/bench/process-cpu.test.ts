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

  it("under a process: it and its descendants only (a server's, not every same-named process on the machine)", async () => {
    // A child whose own child (a grandchild of this process) spins 200 ms, then says its pid.
    const grandchild = `${SPIN(200)} console.log(process.pid); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["-e", `const c = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: ["ignore", "pipe", "inherit"] }); c.stdout.pipe(process.stdout); setInterval(() => {}, 1000);`]);
    let grandchildPid: number | undefined;
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      grandchildPid = Number(line.toString());
      const command = readFileSync(`/proc/${child.pid}/comm`, "utf8").trim();
      const tree = (processCpuMs(child.pid ?? -1) ?? NaN) + (processCpuMs(grandchildPid) ?? NaN);
      const under = processesCpuMs(command, { under: child.pid ?? -1 }) ?? NaN;
      expect(under).toBeGreaterThanOrEqual(200 - 20);
      // This process, a process of the same name outside the tree, is not counted.
      expect(Math.abs(under - tree)).toBeLessThanOrEqual(20);
      expect(processesCpuMs(command)).toBeGreaterThanOrEqual(under + (processCpuMs(process.pid) ?? NaN) - 20);
    } finally {
      if (grandchildPid) process.kill(grandchildPid);
      child.kill();
    }
  });
});
