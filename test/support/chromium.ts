// Headless Chromium for the visual tests: Debian's package, driven by playwright-core (which never
// downloads a browser of its own).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.OKCTL_CHROMIUM_PATH || "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing (${CHROMIUM_PATH}): install it with \`apt-get install chromium\` (Debian), or set OKCTL_CHROMIUM_PATH to a Chromium binary`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // As root (CI) Chromium needs --no-sandbox; the rest keeps it off the (closed) network.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
