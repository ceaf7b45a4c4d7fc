// Reads the Prometheus text format okctl's GET /metrics serves, for benchmarks and tests that
// watch a server process from outside: its samples, and sums of one metric by some of its labels.

export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL_PAIR = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** Every sample line of `text` (comments and blank lines left out). */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(LABEL_PAIR)) labels[key as string] = (value as string).replace(/\\(.)/g, "$1");
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples of metric `name` summed by the values of `labels`, joined with a space ("plan completed" → 3). */
export function sumByLabels(samples: readonly MetricSample[], name: string, labels: readonly string[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.name !== name) continue;
    const key = labels.map((label) => sample.labels[label] ?? "").join(" ");
    sums[key] = (sums[key] ?? 0) + sample.value;
  }
  return sums;
}
