import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import request from 'supertest';
import { type Browser } from 'playwright-core';
import { loadConfig } from '../config';
import { DEMO_ADMIN_EMAIL } from '../demo/demo-channel';
import { toGlobalId } from '../entities/global-id';
import {
  describeInBrowser,
  launchChromium,
  onlyOrigins,
  screenshot,
} from '../testing/fixtures/browser.fixture';
import { ViewerDocument } from '../testing/generated/graphql';
import { TEST_DATA_DIR, testDatabaseUrl } from '../testing/test-environment';
import { useTestApp } from '../testing/test-lifecycle';
import { EXPLORER_CSP } from './explorer.routes';
import { startServer, type StartedServer } from './start-server';

/** The page's document, as the functions given to `page.waitForFunction` see it in the browser. */
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

/** What Chromium sends when it navigates. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

function settingsOf(html: string): { path: string; defaultQuery: string; headers: string | null } {
  const json = /<script type="application\/json" id="explorer-settings">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json!);
}

/** Every `src` and `href` of the page. */
function referencesOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
}

function packageFile(name: string, file: string): Buffer {
  return readFileSync(path.join(path.dirname(require.resolve(`${name}/package.json`)), file));
}

describe('the explorer at GET /graphql, as `npm start` serves it in development', () => {
  let server: StartedServer;
  let origin: string;

  beforeAll(async () => {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: TEST_DATA_DIR,
      DATABASE_URL: testDatabaseUrl(),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JOB_SCHEMA: `pgboss_${randomBytes(5).toString('hex')}`,
      PORT: '0',
      HOST: '127.0.0.1',
      RUN_JOBS: 'false',
      SEED_DEMO: 'true',
      // Off, so the seed leaves the demo channel where the quick-start spec points it.
      GRAPH_SANDBOX: 'false',
    });
    server = await startServer(config, testDatabaseUrl());
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server?.app.stop();
  });

  const http = () => request(origin);

  it('answers a browser with the GraphiQL page: strict CSP, never cached, every file from this server', async () => {
    const response = await http().get('/graphql').set('accept', BROWSER_ACCEPT);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toMatch(/default-src 'none'/);
    expect(EXPLORER_CSP).not.toMatch(/unsafe|https?:|\*/);
    expect(response.headers['cache-control']).toBe('no-store');
    // No inline script: the only <script> with content is the JSON data block.
    expect(response.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toEqual([
      '<script type="application/json" id="explorer-settings">',
    ]);
    const references = referencesOf(response.text);
    expect(references.length).toBeGreaterThanOrEqual(6);
    for (const reference of references.filter((ref) => ref !== 'data:,')) {
      expect(reference).toMatch(/^\/explorer\/assets\//);
    }
  });

  it('serves GraphiQL and React from their npm packages at exact, versioned paths, cached for a year', async () => {
    const page = await http().get('/graphql').set('accept', 'text/html');
    const paths = referencesOf(page.text).filter((ref) => ref.startsWith('/explorer/'));
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/explorer\/assets\/graphiql@3\.\d+\.\d+\/graphiql\.min\.js$/),
        expect.stringMatching(/^\/explorer\/assets\/graphiql@3\.\d+\.\d+\/graphiql\.min\.css$/),
        expect.stringMatching(/^\/explorer\/assets\/react@18\.\d+\.\d+\/react\.production\.min\.js$/),
        expect.stringMatching(/^\/explorer\/assets\/react-dom@18\.\d+\.\d+\/react-dom\.production\.min\.js$/),
      ]),
    );
    for (const assetPath of paths) {
      const asset = await http().get(assetPath);
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toMatch(
        /max-age=31536000.*immutable|immutable.*max-age=31536000/,
      );
      expect(asset.headers['content-type']).toMatch(
        assetPath.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
    }
    const graphiql = paths.find((p) => p.endsWith('graphiql.min.js'))!;
    const served = await http().get(graphiql);
    expect(served.text).toBe(packageFile('graphiql', 'graphiql.min.js').toString('utf8'));

    // Nothing else of node_modules is reachable, not even files of the same packages.
    const version = /graphiql@([\d.]+)/.exec(graphiql)![1];
    for (const other of [
      `/explorer/assets/graphiql@${version}/graphiql.js`,
      `/explorer/assets/graphiql@${version}/package.json`,
      `/explorer/assets/graphiql@${version}/..%2F..%2Fpackage.json`,
      '/explorer/assets/graphiql@0.0.1/graphiql.min.js',
      '/explorer/assets/pg@8.0.0/package.json',
    ]) {
      expect((await http().get(other)).status).toBe(404);
    }
  });

  it('fills in the demo admin token for a browser on this machine, and only when it asked for this machine', async () => {
    const page = await http().get('/graphql').set('accept', BROWSER_ACCEPT);
    const headers = JSON.parse(settingsOf(page.text).headers!) as { Authorization: string };
    expect(headers.Authorization).toMatch(/^Bearer ots_/);
    const viewer = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: headers.Authorization },
      body: JSON.stringify({ query: print(ViewerDocument) }),
    });
    const body = (await viewer.json()) as { data: { viewer: { agent: { id: string } } } };
    expect(body.data.viewer.agent.id).toBe(toGlobalId('Agent', server.demo!.admin.id));
    expect(server.demo!.admin.email).toBe(DEMO_ADMIN_EMAIL);

    // A page of another site whose name resolves here (DNS rebinding) names that site.
    const rebound = await http()
      .get('/graphql')
      .set('accept', BROWSER_ACCEPT)
      .set('host', 'attacker.example:4000');
    expect(settingsOf(rebound.text).headers).toBeNull();
  });

  it('leaves GraphQL GETs to the API', async () => {
    const response = await http()
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('accept', 'application/json')
      .set('apollo-require-preflight', 'true');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: { __typename: 'Query' } });
  });

  describeInBrowser('in headless Chromium, with every request off this server blocked', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads, reads the schema and runs a query; the screenshot is kept', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const refused = await onlyOrigins(page, [origin]);
      try {
        await page.goto(`${origin}/graphql`);
        await page.waitForSelector('.graphiql-execute-button');
        // The schema arrived by introspection: the documentation explorer can open it.
        await page.click('[aria-label="Show Documentation Explorer"]');
        await page.waitForSelector('.graphiql-doc-explorer-content >> text=Query');
        await page.click('.graphiql-execute-button');
        // A function, not a string: the page's CSP allows no eval.
        await page.waitForFunction(
          () => document.querySelector('.result-window')?.textContent?.includes('"trays"') ?? false,
        );
        const result = await page.textContent('.result-window');
        expect(result).toMatch(/"kind"/);
        expect(result).not.toMatch(/UNAUTHENTICATED/);
        const file = await screenshot(page, 'explorer');
        console.log(`Explorer screenshot: ${file}`);
        expect(refused).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});

describe('the explorer in production', () => {
  const t = useTestApp({ env: { NODE_ENV: 'production' } });

  it('is served with an empty headers editor: no token is handed out', async () => {
    const page = await t.http().get('/graphql').set('accept', BROWSER_ACCEPT);
    expect(page.status).toBe(200);
    expect(settingsOf(page.text).headers).toBeNull();
    expect(page.headers['content-security-policy']).toBe(EXPLORER_CSP);
  });
});
