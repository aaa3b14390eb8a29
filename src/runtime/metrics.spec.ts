import { createMetrics } from './metrics';

/** `# TYPE` lines of the exposition text: metric name → type. */
function types(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!]));
}

describe('metrics', () => {
  it('each application has its own registry, with the process metrics in each', async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.webhooksReceived.inc({ channel: 'whatsapp', result: 'stored' });
    one.webhooksReceived.inc({ channel: 'whatsapp', result: 'stored' });
    two.webhooksReceived.inc({ channel: 'messenger', result: 'refused' });
    const [first, second] = await Promise.all([one.registry.metrics(), two.registry.metrics()]);
    expect(first).toMatch(/^omnitray_webhooks_received_total\{channel="whatsapp",result="stored"\} 2$/m);
    expect(first).not.toContain('messenger');
    expect(second).toMatch(/^omnitray_webhooks_received_total\{channel="messenger",result="refused"\} 1$/m);
    expect(second).not.toContain('whatsapp');
    for (const text of [first, second]) {
      expect(types(text).get('process_cpu_seconds_total')).toBe('counter');
      expect(types(text).get('nodejs_heap_size_used_bytes')).toBe('gauge');
    }
  });

  it('keeps the names and labels of the existing series', async () => {
    const metrics = createMetrics();
    metrics.httpRequests.observe({ method: 'POST', route: '/graphql', status: '200' }, 0.02);
    metrics.graphqlOperations.inc({ outcome: 'ok', type: 'query' });
    metrics.jobsRun.inc({ outcome: 'completed', queue: 'tray-timer' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /^omnitray_http_request_duration_seconds_bucket\{le="0.01",method="POST",route="\/graphql",status="200"\} 0$/m,
    );
    expect(text).toMatch(
      /^omnitray_http_request_duration_seconds_bucket\{le="0.025",method="POST",route="\/graphql",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^omnitray_http_request_duration_seconds_sum\{method="POST",route="\/graphql",status="200"\} 0.02$/m,
    );
    expect(text).toMatch(/^omnitray_graphql_operations_total\{outcome="ok",type="query"\} 1$/m);
    expect(text).toMatch(/^omnitray_jobs_total\{outcome="completed",queue="tray-timer"\} 1$/m);
    expect(text).toMatch(/^omnitray_process_info\{fact="uptime_seconds"\} \d+$/m);
    expect(text).toMatch(/^omnitray_process_info\{fact="heap_used_bytes"\} \d+$/m);
    expect(text).toMatch(
      /^# HELP omnitray_process_info Deprecated.*process_start_time_seconds.*nodejs_heap_size_used_bytes/m,
    );
  });

  it('names every metric in its unit: counters end in _total, durations in _seconds, sizes in _bytes', async () => {
    const text = await createMetrics().registry.metrics();
    const all = types(text);
    expect(all.size).toBeGreaterThan(15);
    for (const [name, type] of all) {
      if (type === 'counter') expect(name).toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
      // A count of timeouts is no time.
      if (/(duration|lag|time(?!outs))/.test(name)) expect(name).toMatch(/_seconds(_total)?$/);
      if (/(memory|heap)/.test(name) && name !== 'omnitray_process_info') expect(name).toMatch(/_bytes$/);
    }
    expect([...all.keys()].filter((name) => name.startsWith('omnitray_')).sort()).toEqual([
      'omnitray_database_pool_connections',
      'omnitray_database_timeouts_total',
      'omnitray_expensive_operations_total',
      'omnitray_expensive_operations_waiting',
      'omnitray_graphql_operations_total',
      'omnitray_http_request_duration_seconds',
      'omnitray_jobs_total',
      'omnitray_process_info',
      'omnitray_webhooks_received_total',
    ]);
  });
});
