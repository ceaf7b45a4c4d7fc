// okctl's version, from the package.json above this file (in src/ or in dist/src/).
import { existsSync, readFileSync } from "node:fs";

export function okctlVersion(): string {
  for (let dir = new URL("./", import.meta.url); ; dir = new URL("../", dir)) {
    const file = new URL("package.json", dir);
    if (existsSync(file)) {
      const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
      const { name, version } = parsed as { name?: unknown; version?: unknown };
      if (name === "okctl" && typeof version === "string") return version;
    }
    if (dir.pathname === "/") return "unknown";
  }
}
