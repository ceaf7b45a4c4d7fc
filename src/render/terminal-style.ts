// ANSI colours for terminal output, or none.

export interface Style {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  bold(text: string): string;
}

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

export function styleFor(color: boolean | undefined): Style {
  if (!color) {
    const plain = (text: string): string => text;
    return { green: plain, yellow: plain, red: plain, bold: plain };
  }
  return { green: ansi("32"), yellow: ansi("33"), red: ansi("31"), bold: ansi("1") };
}
