/**
 * Reading the business metrics a handler writes: the CloudWatch EMF lines Powertools Metrics prints to
 * stdout, caught while one piece of work runs and parsed.
 */
export interface EmfLine {
  readonly _aws: { readonly CloudWatchMetrics: readonly { readonly Namespace: string; readonly Dimensions: readonly (readonly string[])[]; readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[] }[] };
  readonly [key: string]: unknown;
}

/**
 * Turns EMF output on for this test file: the test environment turns it off (test/support/env.ts),
 * and the metrics object reads the switch when it is built, on the first metric of the file.
 */
export function withEmfEnabled(): void {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  delete process.env.POWERTOOLS_METRICS_NAMESPACE;
  delete process.env.POWERTOOLS_DEV;
}

/** Runs `work` and returns the EMF lines written to stdout meanwhile; everything else printed goes through. */
export async function emfLines(work: () => Promise<unknown>): Promise<EmfLine[]> {
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.includes('"_aws"')) continue;
      lines.push(JSON.parse(line) as EmfLine);
    }
    return text.includes('"_aws"') ? true : (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** Each value of the metric in the lines, with its namespace and dimensions (the line's own values of the dimension names). */
export function metricValues(lines: readonly EmfLine[], name: string): { value: unknown; namespace: string; dimensions: Record<string, unknown> }[] {
  return lines.flatMap((line) =>
    line._aws.CloudWatchMetrics.filter((directive) => directive.Metrics.some((metric) => metric.Name === name)).map((directive) => ({
      value: line[name],
      namespace: directive.Namespace,
      dimensions: Object.fromEntries(directive.Dimensions.flat().map((dimension) => [dimension, line[dimension]])),
    })),
  );
}
