import { useTestApp } from '../testing/test-lifecycle';

const TOKEN = 'scrape-token-0123456789';

describe('METRICS_PORT and METRICS_TOKEN on the running application', () => {
  const t = useTestApp({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });

  it('serves /metrics on its own port behind the token, and not on the API port', async () => {
    const api = (await t.wsUrl()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
    const metricsUrl = t.app.metricsUrl();
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl!).origin).not.toBe(api);
    expect((await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      404,
    );
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    expect((await fetch(metricsUrl!)).status).toBe(401);
    const scraped = await fetch(metricsUrl!, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    // The API port's requests are counted in the registry the metrics port serves.
    expect(await scraped.text()).toMatch(
      /omnitray_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
  });
});
