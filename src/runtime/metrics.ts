import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The application's Prometheus metrics on prom-client, in a registry of its own (tests start many
 * applications in one process). The Node.js process metrics keep their standard names
 * (`process_*`, `nodejs_*`, no `omnitray_` prefix) so stock dashboards read them; ours carry the
 * `omnitray_` prefix and their unit in the name.
 */
/** What a connection pool tells of itself (node-postgres's `Pool`). */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const pools = new Map<string, () => PoolCounts | undefined>();
  return {
    registry,
    /** Reports a pool in `omnitray_database_pool_connections` under `name` (api, jobs). */
    watchPool(name: string, read: () => PoolCounts | undefined): void {
      pools.set(name, read);
    },
    databasePools: new Gauge({
      name: 'omnitray_database_pool_connections',
      help: 'Connections of each database pool of this process (api, jobs) by state: busy, idle, and waiting (requests waiting for one).',
      labelNames: ['pool', 'state'] as const,
      registers,
      collect() {
        for (const [pool, read] of pools) {
          const counts = read();
          if (!counts) continue;
          this.set({ pool, state: 'busy' }, counts.totalCount - counts.idleCount);
          this.set({ pool, state: 'idle' }, counts.idleCount);
          this.set({ pool, state: 'waiting' }, counts.waitingCount);
        }
      },
    }),
    httpRequests: new Histogram({
      name: 'omnitray_http_request_duration_seconds',
      help: 'HTTP requests by route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'omnitray_graphql_operations_total',
      help: 'GraphQL operations by type and outcome.',
      labelNames: ['outcome', 'type'] as const,
      registers,
    }),
    webhooksReceived: new Counter({
      name: 'omnitray_webhooks_received_total',
      help: 'Channel webhooks by channel and result.',
      labelNames: ['channel', 'result'] as const,
      registers,
    }),
    jobsRun: new Counter({
      name: 'omnitray_jobs_total',
      help: 'Jobs run by queue and outcome.',
      labelNames: ['outcome', 'queue'] as const,
      registers,
    }),
    databaseTimeouts: new Counter({
      name: 'omnitray_database_timeouts_total',
      help: 'Statements and sessions stopped by a PostgreSQL time limit, by pool (api, jobs) and kind (statement, lock, idle_in_transaction).',
      labelNames: ['kind', 'pool'] as const,
      registers,
    }),
    expensiveOperations: new Counter({
      name: 'omnitray_expensive_operations_total',
      help: "Expensive GraphQL operations by outcome: admitted at once, admitted after waiting for the workspace's share, or refused.",
      labelNames: ['outcome'] as const,
      registers,
    }),
    expensiveOperationsWaiting: new Gauge({
      name: 'omnitray_expensive_operations_waiting',
      help: "Expensive GraphQL operations waiting now for their workspace's share, in this process.",
      registers,
    }),
    // Kept one release for existing dashboards: it mixed units in one gauge.
    processInfo: new Gauge({
      name: 'omnitray_process_info',
      help: 'Deprecated, removed in the next release: use process_start_time_seconds and nodejs_heap_size_used_bytes. Process facts (uptime seconds, heap bytes).',
      labelNames: ['fact'] as const,
      registers,
      collect() {
        this.set({ fact: 'uptime_seconds' }, Math.round(process.uptime()));
        this.set({ fact: 'heap_used_bytes' }, process.memoryUsage().heapUsed);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
