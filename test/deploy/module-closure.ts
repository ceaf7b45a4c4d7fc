// What the compiled server and command line load: the modules reachable from their entry points
// through static and dynamic imports, and the packages and named imports they take from outside.
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
export const ENTRY_POINTS = [join(ROOT, "dist/src/server.js"), join(ROOT, "dist/src/cli/main.js")];

const IMPORT = /(?:^|[\s;])(?:import|export)\s([^'"]*?)\s*from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm;

export interface ExternalImport {
  /** The package, e.g. "@aws-sdk/client-ec2". */
  packageName: string;
  /** Named imports, e.g. ["EC2Client", "DescribeVpcsCommand"] (empty for dynamic imports). */
  names: string[];
}

/** Every import of a package (not Node's own modules) by the modules reachable from the entries. */
export function externalImports(entries: readonly string[] = ENTRY_POINTS): ExternalImport[] {
  const builtins = new Set(builtinModules);
  const found: ExternalImport[] = [];
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = match[2] ?? match[3] ?? match[4]!;
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier);
        if (existsSync(target) && target.endsWith(".js")) queue.push(target);
        continue;
      }
      if (specifier.startsWith("node:") || builtins.has(specifier)) continue;
      const packageName = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
      const names = /\{([^}]*)\}/.exec(match[1] ?? "")?.[1]?.split(",").map((n) => n.trim().split(/\s+as\s+/)[0]!).filter(Boolean) ?? [];
      found.push({ packageName, names });
    }
  }
  return found;
}
