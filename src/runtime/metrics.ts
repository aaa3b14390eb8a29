/**
 * Prometheus metrics in the text exposition format, without a client library: a handful of
 * counters, gauges and one histogram are all `/metrics` needs.
 */
type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map(
      (name) =>
        `${name}="${labels[name]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}
  abstract lines(): string[];
}

export class Counter extends Metric {
  private readonly values = new Map<string, number>();
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  lines(): string[] {
    return [...this.values].map(([k, value]) => `${this.name}${k ? `{${k}}` : ''} ${value}`);
  }
}

export class Gauge extends Metric {
  private readonly values = new Map<string, () => number>();
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  /** The value is read when scraped. */
  track(read: () => number, labels: Labels = {}): void {
    this.values.set(key(labels), read);
  }
  lines(): string[] {
    return [...this.values].map(([k, read]) => `${this.name}${k ? `{${k}}` : ''} ${read()}`);
  }
}

export class Histogram extends Metric {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    name: string,
    help: string,
    private readonly buckets: number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    const entry = this.series.get(k) ?? { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, index) => {
      if (value <= bound) entry.counts[index]! += 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(k, entry);
  }
  lines(): string[] {
    const lines: string[] = [];
    for (const [k, entry] of this.series) {
      const prefix = k ? `${k},` : '';
      this.buckets.forEach((bound, index) =>
        lines.push(`${this.name}_bucket{${prefix}le="${bound}"} ${entry.counts[index]}`),
      );
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${entry.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${entry.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${entry.count}`);
    }
    return lines;
  }
}

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  register<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    return `${this.metrics
      .flatMap((metric) => [
        `# HELP ${metric.name} ${metric.help}`,
        `# TYPE ${metric.name} ${metric.type}`,
        ...metric.lines(),
      ])
      .join('\n')}\n`;
  }
}

/** The process's metrics. */
export function createMetrics() {
  const registry = new MetricsRegistry();
  return {
    registry,
    httpRequests: registry.register(
      new Histogram(
        'omnitray_http_request_duration_seconds',
        'HTTP requests by route and status.',
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      ),
    ),
    graphqlOperations: registry.register(
      new Counter('omnitray_graphql_operations_total', 'GraphQL operations by type and outcome.'),
    ),
    webhooksReceived: registry.register(
      new Counter('omnitray_webhooks_received_total', 'Channel webhooks by channel and result.'),
    ),
    jobsRun: registry.register(new Counter('omnitray_jobs_total', 'Jobs run by queue and outcome.')),
    gauges: registry.register(
      new Gauge('omnitray_process_info', 'Process facts (uptime seconds, heap bytes).'),
    ),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
